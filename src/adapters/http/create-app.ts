import type http from 'node:http';
import express, { type Router } from 'express';
import type { WebhookHandler } from '../../app/handle-webhook';
import type { Clock, Logger, Metrics } from '../../app/ports';
import type { StoreHealth } from '../store/create-stores';
import { createFailureAnswer, toErrorHandler } from './error-handler';
import { HttpError } from './http-error';
import { runChain, type NodeMiddleware, type ParsedRequest } from './node-chain';
import { securityHeaders } from './security-headers';
import { createWarningLimiter } from './warning-limiter';
import { createWebhookHandlers } from './webhook-route';

/** At most this many warnings of one kind (401, 404, …) a minute reach the log; the rest are counted. */
const WARNINGS_PER_MINUTE = 10;

export interface AppOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  /** The LINE webhook; absent when the bot runs without a channel (preview only). */
  readonly webhook?: { channelSecret: string; handler: WebhookHandler; responseDeadlineMs: number } | undefined;
  /** Folder of channel icons served at /icons/. */
  readonly iconsDir: string;
  /** Origin the cards' channel icons are loaded from (PUBLIC_BASE_URL), allowed as an image source. */
  readonly iconOrigin?: string | undefined;
  /** Extra routes (the browser preview). */
  readonly extraRouters?: readonly Router[];
  /** False while shutting down, so a load balancer stops sending traffic. */
  readonly isReady: () => boolean;
  /** Where sessions live and whether it answers; shown by /readyz. */
  readonly storeHealth: () => StoreHealth;
  /** Counts the webhook's answers by status. */
  readonly metrics?: Metrics;
}

/**
 * Builds the bot's HTTP answers. Never listens: main.ts and tests decide where.
 *
 * `POST /webhook` is the hot path: LINE's webhooks go straight through their own handlers (security headers, the
 * shutdown close, the answer count, body, signature, events) without Express's routing and response helpers, which
 * cost about a tenth of the CPU of an event (docs/benchmarks.md, "Against the floor"). Express serves everything else,
 * and the same handlers on any other spelling of that URL (`/webhook/`, `/webhook?x`), so both answer alike.
 */
export function createApp(options: AppOptions): http.RequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const security = securityHeaders({ iconOrigin: options.iconOrigin });
  // While shutting down, every answer asks the client to close its connection, so keep-alive clients reconnect
  // (to another replica) instead of sending more to this one.
  const closeWhenShuttingDown: NodeMiddleware = (_req, res, next) => {
    if (!options.isReady()) res.setHeader('connection', 'close');
    next();
  };
  app.use(security);
  app.use(closeWhenShuttingDown);
  app.get('/healthz', (_req, res) => {
    const ready = options.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'shutting-down' });
  });
  // Readiness, for a load balancer. Redis being away is shared by every replica, and each still answers without it
  // (a kind restart instead of the person's place), so it is reported as 200 "degraded", not 503: taking every
  // replica out of rotation at once would turn degraded answers into none. 503 is for this replica alone.
  app.get('/readyz', (_req, res) => {
    const store = options.storeHealth();
    if (!options.isReady()) {
      res.status(503).json({ status: 'shutting-down', store: store.store });
      return;
    }
    res.status(200).json({ status: store.status === 'ok' ? 'ok' : 'degraded', store: store.store, storeStatus: store.status });
  });
  const { metrics } = options;
  // Before the webhook's own handlers, so its 401, 400 and 413 are counted too.
  const countAnswer: NodeMiddleware | undefined =
    metrics &&
    ((_req, res, next) => {
      res.on('finish', () => metrics.countWebhookAnswer(res.statusCode));
      next();
    });
  if (countAnswer) app.use('/webhook', countAnswer);
  const webhook: NodeMiddleware[] = options.webhook
    ? createWebhookHandlers({ ...options.webhook, logger: options.logger })
    : [
        () => {
          throw new HttpError(503, 'NO_LINE_CHANNEL', 'no LINE channel is configured (set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN)');
        },
      ];
  app.post('/webhook', ...webhook);
  // Browsers ask for it unprompted; an empty answer keeps 404 warnings out of the log.
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  // LINE's apps load the icons from their own origins.
  const crossOrigin = (res: { setHeader(name: string, value: string): unknown }) => res.setHeader('cross-origin-resource-policy', 'cross-origin');
  app.use('/icons', express.static(options.iconsDir, { maxAge: '1d', fallthrough: true, index: false, setHeaders: crossOrigin }));
  for (const router of options.extraRouters ?? []) app.use(router);
  app.use((req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'no such route')));
  const answerFailure = createFailureAnswer(
    options.logger,
    createWarningLimiter({ perWindow: WARNINGS_PER_MINUTE, windowMs: 60_000, clock: options.clock }),
  );
  app.use(toErrorHandler(answerFailure));

  const webhookPath = [security, closeWhenShuttingDown, ...(countAnswer ? [countAnswer] : []), ...webhook];
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhook') {
      app(req, res);
      return;
    }
    runChain(webhookPath, req as ParsedRequest, res, (error) =>
      answerFailure(error, { method: req.method, path: '/webhook', contentEncoding: req.headers['content-encoding'] }, res),
    );
  };
}
