import path from 'node:path';
import type http from 'node:http';
import { CONTENT_FILES } from './adapters/content/load-content';
import { createApp } from './adapters/http/create-app';
import { createFirstStepRouter } from './adapters/http/first-step-router';
import { createLineMessenger } from './adapters/line/line-messenger';
import { createIdHasher } from './adapters/log/hash-id';
import { createPreviewRouter, PREVIEW_PAGES_ORIGIN } from './adapters/preview/preview-router';
import { createRichMenuRoute } from './adapters/preview/rich-menu-route';
import { createStores } from './adapters/store/create-stores';
import { MemoryStorage } from './adapters/store/memory-storage';
import { createConverse } from './app/converse';
import { createWebhookHandler } from './app/handle-webhook';
import { meterMessenger } from './app/metered-messenger';
import { NO_METRICS, type Clock, type Logger, type Metrics, type SessionStore } from './app/ports';
import { createSessionStore } from './app/session-store';
import type { Config } from './config';
import type { LocalizedContent } from './core/content';
import { createLocalizedEngine } from './core/conversation/step-in-language';
import { describeStaleHolidayData } from './core/hours/japan-holidays';
import { createRenderer } from './core/render/render-reply';

/** How long a new friend's greeting may wait for their LINE profile's language before it goes out in Japanese. */
export const PROFILE_TIMEOUT_MS = 1_500;
/** We answer the webhook by then even if replies are still under way; LINE fails webhooks after 2 s. */
export const WEBHOOK_RESPONSE_DEADLINE_MS = 800;
/** The preview's own store: enough for a team trying the flow, and too small to matter if someone floods it. */
export const PREVIEW_SESSION_MAX_COUNT = 1_000;

export interface Bot {
  /** Every HTTP answer: hand it to a node:http server (main.ts) or to supertest. */
  readonly app: http.RequestListener;
  /** LINE users' sessions. */
  readonly sessions: SessionStore;
  /**
   * Stops taking work at once (health and readiness answer 503, new webhooks 503, every answer asks the client to
   * close its connection), waits up to `graceMs` for the events in flight (those left are logged as lost), then
   * closes the connections to LINE and the store.
   */
  shutdown(graceMs?: number): Promise<void>;
}

/** Wires the pure core to its adapters. Does not listen; main.ts and the tests do. */
export function createBot(options: {
  config: Config;
  content: LocalizedContent;
  logger: Logger;
  clock?: Clock;
  /** What the operator counts (LINE users only, never the preview's); nothing by default. */
  metrics?: Metrics;
  rootDir: string;
}): Bot {
  const { config, content, logger } = options;
  const metrics = options.metrics ?? NO_METRICS;
  const clock = options.clock ?? { now: () => Date.now() };
  const staleHolidays = describeStaleHolidayData(clock.now());
  if (staleHolidays) logger.warn({}, staleHolidays);
  const engine = createLocalizedEngine(content, { sessionTtlMinutes: config.sessionTtlMinutes });
  const render = createRenderer(content, { iconBaseUrl: config.publicBaseUrl, pagesBaseUrl: config.publicBaseUrl });
  const ttlMs = config.sessionTtlMinutes * 60_000;
  const stores = createStores({ config, clock, logger });
  if (stores.sessionsHeld) metrics.observeSessions(stores.sessionsHeld);
  const line = config.line;
  const messenger =
    line &&
    createLineMessenger({
      channelAccessToken: line.channelAccessToken,
      baseURL: line.apiBaseUrl,
      limits: config.lineApi,
      profileTimeoutMs: PROFILE_TIMEOUT_MS,
      onCircuitChange(open, waited) {
        metrics.setLineCircuitOpen(open);
        if (open) logger.warn({ code: 'LINE_API_FAILING' }, 'LINE API keeps failing: replies wait for it, one probe call a second');
        else logger.info({ waited }, 'LINE API answers again: waiting replies go out');
      },
    });
  const lineHandler =
    line &&
    messenger &&
    createWebhookHandler({
      converse: createConverse({ engine, render, sessions: stores.sessions }),
      claims: stores.claims,
      sessions: stores.sessions,
      sessionTtlMs: ttlMs,
      maxEventsInFlight: config.maxEventsInFlight,
      messenger: meterMessenger(messenger, metrics, clock),
      profiles: messenger,
      logger,
      clock,
      hashId: createIdHasher(line.channelSecret),
      metrics,
    });
  const previewSessions = createSessionStore(new MemoryStorage({ maxEntries: PREVIEW_SESSION_MAX_COUNT, clock }), { ttlMs });
  let ready = true;
  const app = createApp({
    logger,
    clock,
    isReady: () => ready,
    metrics,
    storeHealth: () => stores.health(),
    iconsDir: path.resolve(options.rootDir, CONTENT_FILES.icons),
    iconOrigin: config.publicBaseUrl && new URL(config.publicBaseUrl).origin,
    webhook: line && lineHandler && {
      channelSecret: line.channelSecret,
      handler: lineHandler,
      responseDeadlineMs: WEBHOOK_RESPONSE_DEADLINE_MS,
    },
    extraRouters: [
      // Opened from the cards in LINE's in-app browser, so served with or without the preview.
      createFirstStepRouter({ content, assetsDir: path.resolve(options.rootDir, CONTENT_FILES.firstStepAssets) }),
      ...(config.preview
      ? [
          createPreviewRouter({
            converse: createConverse({
              engine,
              render: config.publicBaseUrl ? render : createRenderer(content, { pagesBaseUrl: PREVIEW_PAGES_ORIGIN }),
              sessions: previewSessions,
            }),
            logger,
            clock,
            staticDir: path.resolve(options.rootDir, 'preview'),
          }),
          createRichMenuRoute({ richMenu: content.richMenu, rootDir: options.rootDir }),
        ]
      : []),
    ],
  });
  return {
    app,
    sessions: stores.sessions,
    async shutdown(graceMs = Number.POSITIVE_INFINITY) {
      ready = false;
      await lineHandler?.close(graceMs);
      await messenger?.close();
      await stores.close();
    },
  };
}
