import express, { type Express, type Router } from 'express';
import type { WebhookHandler } from '../../app/handle-webhook';
import type { Clock, Logger, Metrics } from '../../app/ports';
import type { StoreHealth } from '../store/create-stores';
import { createErrorHandler } from './error-handler';
import { HttpError } from './http-error';
import { securityHeaders } from './security-headers';
import { createWarningLimiter } from './warning-limiter';
import { createWebhookRouter } from './webhook-route';

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

/** Builds the Express app. Never listens: main.ts and tests decide where. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders({ iconOrigin: options.iconOrigin }));
  // While shutting down, every answer asks the client to close its connection, so keep-alive clients reconnect
  // (to another replica) instead of sending more to this one.
  app.use((_req, res, next) => {
    if (!options.isReady()) res.set('connection', 'close');
    next();
  });
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
  // Before the webhook's own middleware, so its 401, 400 and 413 are counted too.
  if (metrics) {
    app.use('/webhook', (_req, res, next) => {
      res.on('finish', () => metrics.countWebhookAnswer(res.statusCode));
      next();
    });
  }
  if (options.webhook) {
    app.use(createWebhookRouter({ ...options.webhook, logger: options.logger }));
  } else {
    app.post('/webhook', () => {
      throw new HttpError(503, 'NO_LINE_CHANNEL', 'no LINE channel is configured (set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN)');
    });
  }
  // Browsers ask for it unprompted; an empty answer keeps 404 warnings out of the log.
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  // LINE's apps load the icons from their own origins.
  const crossOrigin = (res: { setHeader(name: string, value: string): unknown }) => res.setHeader('cross-origin-resource-policy', 'cross-origin');
  app.use('/icons', express.static(options.iconsDir, { maxAge: '1d', fallthrough: true, index: false, setHeaders: crossOrigin }));
  for (const router of options.extraRouters ?? []) app.use(router);
  app.use((req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'no such route')));
  app.use(createErrorHandler(options.logger, createWarningLimiter({ perWindow: WARNINGS_PER_MINUTE, windowMs: 60_000, clock: options.clock })));
  return app;
}
