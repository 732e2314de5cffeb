import path from 'node:path';
import type { Express } from 'express';
import { CONTENT_FILES } from './adapters/content/load-content';
import { createApp } from './adapters/http/create-app';
import { createLineMessenger } from './adapters/line/line-messenger';
import { createIdHasher } from './adapters/log/hash-id';
import { createCapturingMessenger, createPreviewRouter } from './adapters/preview/preview-router';
import { MemorySessionStore } from './adapters/store/memory-session-store';
import { createWebhookHandler } from './app/handle-webhook';
import type { Clock, Logger, SessionStore } from './app/ports';
import type { Config } from './config';
import type { Content } from './core/content';
import { createEngine } from './core/conversation/engine';
import { createRenderer } from './core/render/render-reply';

/** How long LINE may take to accept a reply before we give up on it (the reply token lasts about a minute). */
export const LINE_API_TIMEOUT_MS = 10_000;
/** We answer the webhook by then even if replies are still under way; LINE fails webhooks after 2 s. */
export const WEBHOOK_RESPONSE_DEADLINE_MS = 1_000;

export interface Bot {
  readonly app: Express;
  readonly store: SessionStore;
  /** Stops reporting healthy, then waits for every event in flight. */
  shutdown(): Promise<void>;
}

/** Wires the pure core to its adapters. Does not listen; main.ts and the tests do. */
export function createBot(options: {
  config: Config;
  content: Content;
  logger: Logger;
  clock?: Clock;
  rootDir: string;
}): Bot {
  const { config, content, logger } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const store = new MemorySessionStore({
    ttlMs: config.sessionTtlMinutes * 60_000,
    maxSessions: config.sessionMaxCount,
    clock,
  });
  const deps = {
    engine: createEngine(content, { sessionTtlMinutes: config.sessionTtlMinutes }),
    render: createRenderer(content, { iconBaseUrl: config.publicBaseUrl }),
    store,
    logger,
    clock,
    hashId: createIdHasher(config.line?.channelSecret ?? 'preview'),
  };
  const line = config.line;
  const lineHandler =
    line &&
    createWebhookHandler({
      ...deps,
      messenger: createLineMessenger({
        channelAccessToken: line.channelAccessToken,
        baseURL: line.apiBaseUrl,
        timeoutMs: LINE_API_TIMEOUT_MS,
      }),
    });
  const preview = config.preview ? createCapturingMessenger() : undefined;
  const previewHandler = preview && createWebhookHandler({ ...deps, messenger: preview.messenger });
  let ready = true;
  const app = createApp({
    logger,
    isReady: () => ready,
    iconsDir: path.resolve(options.rootDir, CONTENT_FILES.icons),
    webhook: line && lineHandler && {
      channelSecret: line.channelSecret,
      handler: lineHandler,
      responseDeadlineMs: WEBHOOK_RESPONSE_DEADLINE_MS,
    },
    extraRouters:
      preview && previewHandler
        ? [createPreviewRouter({ handler: previewHandler, replies: preview.replies, staticDir: path.resolve(options.rootDir, 'preview') })]
        : [],
  });
  return {
    app,
    store,
    async shutdown() {
      ready = false;
      await Promise.all([lineHandler?.drain(), previewHandler?.drain()]);
    },
  };
}
