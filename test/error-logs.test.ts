import express from 'express';
import request from 'supertest';
import { createApp } from '../src/adapters/http/create-app';
import { describeError } from '../src/app/describe-error';
import { createWebhookHandler } from '../src/app/handle-webhook';
import { lineEvents, newUserId } from './helpers/line-events';
import { createRecordingLogger } from './helpers/recording-logger';
import { ROOT } from './helpers/test-bot';

/** What a person might have written, and a raw LINE user id: neither may reach the log. */
const WRITTEN = '殺すと書かれた';
const userId = newUserId();

/** A fault deep in our code whose message quotes what it was given, as JSON.parse's and TypeError's do. */
function failDeepInside(): never {
  const error = new TypeError(`cannot read "${WRITTEN}" of ${userId}`) as TypeError & { code: string };
  error.code = 'ERR_TEST_FAULT';
  throw error;
}

describe('errors keep their class, code and stack in the log, never their message', () => {
  it('the HTTP error handler: a route that throws → 500, logged with class, code and frames', async () => {
    const logger = createRecordingLogger();
    const throwing = express.Router().get('/throws', () => failDeepInside());
    const app = createApp({
      logger,
      clock: { now: () => 0 },
      iconsDir: `${ROOT}/data/icons`,
      extraRouters: [throwing],
      isReady: () => true,
      storeHealth: () => ({ store: 'memory', status: 'ok' }),
    });
    const response = await request(app).get('/throws');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ code: 'INTERNAL', message: 'internal error' });
    const line = logger.logs.find((l) => l.level === 'error');
    expect(line).toMatchObject({ route: '/throws', status: 500, err: { class: 'TypeError', code: 'ERR_TEST_FAULT' } });
    expect((line?.err as { stack: string }).stack).toMatch(/^at failDeepInside \(.*error-logs\.test\.ts:\d+:\d+\)/);
    expect(JSON.stringify(logger.logs)).not.toMatch(new RegExp(`${WRITTEN}|${userId}`));
  });

  it('the webhook handler: an event whose step throws is logged with class, code and frames', async () => {
    const logger = createRecordingLogger();
    const handler = createWebhookHandler({
      converse: async () => failDeepInside(),
      claims: {
        claim: async () => ({ kind: 'new', session: undefined }),
        saveStepped: async () => 'saved',
        settle: async () => undefined,
      },
      sessions: { load: async (key) => ({ key, session: undefined, revision: undefined }), save: async () => true },
      sessionTtlMs: 60_000,
      messenger: { reply: async () => ({ attempts: 1 }) },
      logger,
      clock: { now: () => 0 },
      hashId: () => 'hashed',
    });
    const event = lineEvents.text(userId, WRITTEN);
    await handler.handleEvents([event]);
    const line = logger.logs.find((l) => l.webhookEventId === event.webhookEventId);
    expect(line).toMatchObject({ level: 'error', code: 'INTERNAL', err: { class: 'TypeError', code: 'ERR_TEST_FAULT' } });
    expect((line?.err as { stack: string }).stack).toMatch(/^at failDeepInside \(/);
    expect(JSON.stringify(logger.logs)).not.toMatch(new RegExp(`${WRITTEN}|${userId}`));
  });

  it('a thrown non-error is named by its type, and a cause is described one level down', () => {
    expect(describeError('a string with 殺す')).toEqual({ class: 'string' });
    const wrapped = new Error('outer', { cause: Object.assign(new RangeError(WRITTEN), { code: 'E_INNER' }) });
    expect(describeError(wrapped)).toMatchObject({ class: 'Error', cause: { class: 'RangeError', code: 'E_INNER' } });
    expect(JSON.stringify(describeError(wrapped))).not.toContain(WRITTEN);
  });
});
