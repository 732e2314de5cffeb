import request from 'supertest';
import { createClient } from 'redis';
import { loadContent } from '../src/adapters/content/load-content';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { lineEvents } from './helpers/line-events';
import { startRedisServer, type RedisServer } from './helpers/redis-server';
import { wireOf, CHANNEL_SECRET, ROOT, startTestBot, type TestBot } from './helpers/test-bot';
import { until } from './helpers/until';

// Wording comes from flows/: the first question, its first option, and the question that option leads to.
const { flow } = loadContent(ROOT);
const start = flow.questions[flow.start];
const FIRST_OPTION = start?.options[0];
/** As the text appears in the JSON of the messages. */
const inJson = (text: string | undefined) => JSON.stringify(text ?? '').slice(1, -1);
const FIRST_QUESTION = inJson(start?.text);
const SECOND_QUESTION = inJson(flow.questions[FIRST_OPTION?.next ?? '']?.text);

/** The bot in this process with REDIS_URL, against a real redis-server: what changes when Redis is there or not. */
describe('the bot on Redis', () => {
  let server: RedisServer;
  let t: TestBot;
  let admin: ReturnType<typeof createClient>;
  const sessionKey = (userId: string) => `s:${createIdHasher(CHANNEL_SECRET)(userId)}`;
  const readyz = async () => {
    const response = await request(t.bot.app).get('/readyz');
    return { status: response.status, body: response.body as Record<string, unknown> };
  };
  const connectAdmin = async () => {
    admin = createClient({ url: server.url });
    await admin.connect();
  };

  beforeAll(async () => {
    server = await startRedisServer();
    t = await startTestBot({ REDIS_URL: server.url });
    await connectAdmin();
    await until(async () => (await readyz()).body.status === 'ok');
  });
  afterAll(async () => {
    await t.bot.shutdown();
    await t.close();
    if (admin.isOpen) await admin.close();
    await server.close();
  });

  it('keeps the session in Redis, with the session TTL as its expiry, in under 200 bytes', async () => {
    const person = t.user();
    await person.follow();
    await person.tap(FIRST_OPTION?.label ?? '');
    const key = sessionKey(person.userId);
    const stored = await admin.get(key);
    expect(stored).toBe(JSON.stringify([1, t.content.flow.version, FIRST_OPTION?.next, [flow.start]]));
    const ttlMs = await admin.pTTL(key);
    expect(ttlMs).toBeGreaterThan(29 * 60_000);
    expect(ttlMs).toBeLessThanOrEqual(30 * 60_000);
    expect(await admin.memoryUsage(key)).toBeLessThan(200);
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ok', store: 'redis', storeStatus: 'ok' } });
  });

  it('answers the same webhookEventId once', async () => {
    const event = lineEvents.follow(t.user().userId);
    const before = t.fake.replies.length;
    await t.post([event]);
    await t.post([{ ...event, deliveryContext: { isRedelivery: true } }]);
    expect(t.fake.replies.length - before).toBe(1);
    expect(t.logs.filter((l) => l.webhookEventId === event.webhookEventId).map((l) => l.outcome)).toEqual(['greeted', 'duplicate']);
  });

  it('drops a corrupt session value and restarts the person kindly', async () => {
    const person = t.user();
    await person.follow();
    await admin.set(sessionKey(person.userId), '{"not":"a session"', { expiration: { type: 'PX', value: 60_000 } });
    expect(wireOf(await person.say('こんにちは'))).toContain(FIRST_QUESTION);
    expect(t.logs.at(-1)).toMatchObject({ session: 'unreadable' });
    expect(await admin.get(sessionKey(person.userId))).toMatch(/^\[1,/);
  });

  it('Redis stopped: still answers (crisis words, the first question, typed options), /readyz says degraded; restarted: the saved place is used again', async () => {
    const person = t.user();
    await person.follow();
    await person.tap(FIRST_OPTION?.label ?? '');
    await admin.close();
    await server.stop({ keepData: true });

    expect(wireOf(await person.say('死にたい'))).toContain('tel:');
    expect(wireOf(await person.follow())).toContain(FIRST_QUESTION);
    expect(wireOf(await person.say('1'))).toContain(SECOND_QUESTION);
    expect(t.logs.at(-1)).toMatchObject({ session: 'unavailable', dedupe: 'unavailable', outcome: 'asked' });
    expect(await readyz()).toEqual({ status: 200, body: { status: 'degraded', store: 'redis', storeStatus: 'unavailable' } });
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);

    await server.start();
    await connectAdmin();
    await until(async () => (await readyz()).body.status === 'ok');
    // The session saved before the outage is there again: typed "1" now answers the second question's option 1.
    const reply = await person.say('1');
    expect(wireOf(reply)).not.toContain(SECOND_QUESTION);
    expect(t.logs.at(-1)?.session).toBeUndefined();
    expect(await admin.get(sessionKey(person.userId))).not.toBe(JSON.stringify([1, t.content.flow.version, FIRST_OPTION?.next, [flow.start]]));
  });
});
