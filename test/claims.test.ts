import type { webhook } from '@line/bot-sdk';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContent } from '../src/adapters/content/load-content';
import { createMetricsServer } from '../src/adapters/metrics/metrics-server';
import { createPrometheusMetrics, type PrometheusMetrics } from '../src/adapters/metrics/prometheus-metrics';
import { createStores } from '../src/adapters/store/create-stores';
import type { Logger } from '../src/app/ports';
import { loadConfig } from '../src/config';
import { lineEvents, newEventId, newUserId } from './helpers/line-events';
import { ROOT, startTestBot, type Message, type TestBot } from './helpers/test-bot';

/**
 * Claim, then confirm: an event is answered once, and a delivery whose reply did not go out is answered by the
 * next delivery of the event (LINE's redelivery), stepped from where the person was when it first arrived. The log
 * line and the counters say what reached the person.
 */
const { flow } = loadContent(ROOT);
const start = flow.questions[flow.start];
const firstNext = start?.options[0]?.next ?? '';
const inJson = (text: string | undefined) => JSON.stringify(text ?? '').slice(1, -1);
const shows = (messages: Message[] | undefined, text: string | undefined) => JSON.stringify(messages ?? []).includes(inJson(text));

/** Each call 500 ms, a reply 2 s with its retries. */
const FAST = { LINE_API_TIMEOUT_MS: '500', LINE_REPLY_DEADLINE_MS: '2000' };

let t: TestBot;
let metrics: PrometheusMetrics;
let server: Server;
beforeEach(async () => {
  metrics = createPrometheusMetrics(flow);
  t = await startTestBot(FAST, { metrics });
  server = createMetricsServer(metrics.registry).listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function scrape(): Promise<string> {
  return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
}

/** Posts events and waits for the log line of each (the last one for the id, when it is posted again). */
async function deliver(event: webhook.Event, nth: number) {
  expect((await t.post([event])).status).toBe(200);
  await t.waitForLog(`log line ${nth} of ${event.webhookEventId}`, () => t.logs.filter((l) => l.webhookEventId === event.webhookEventId).length >= nth);
  return t.logs.filter((l) => l.webhookEventId === event.webhookEventId).at(-1);
}

it('a reply that failed is answered by the redelivery, once, stepped from where the person was', async () => {
  const person = t.user();
  await person.follow();
  // "1" at the first question moves the person on; LINE fails every call of this first delivery.
  t.fake.behave({ kind: 'status', status: 500 });
  const event = lineEvents.text(person.userId, '1');
  const failed = await deliver(event, 1);
  expect(failed).toMatchObject({ level: 'error', outcome: 'reply-failed', step: 'asked', code: 'LINE_API_STATUS', status: 500 });
  expect(t.fake.replies.filter((r) => r.body.replyToken === event.replyToken)).toHaveLength(0);
  expect(await scrape()).toContain('linebot_events_total{event="text",outcome="reply-failed"} 1');
  expect(await scrape()).not.toContain('linebot_events_total{event="text",outcome="asked"}');

  t.fake.behave({ kind: 'accept' });
  const redelivered = { ...event, deliveryContext: { isRedelivery: true } };
  const answered = await deliver(redelivered, 2);
  expect(answered).toMatchObject({ level: 'info', outcome: 'asked', claim: 'replay', attempts: 1 });
  const replies = t.fake.replies.filter((r) => r.body.replyToken === event.replyToken);
  expect(replies).toHaveLength(1);
  // The answer to "1" at the first question, not "1" applied again at the second.
  expect(shows(replies[0]?.body.messages as Message[], flow.questions[firstNext]?.text)).toBe(true);
  expect(await scrape()).toContain('linebot_events_total{event="text",outcome="asked"} 1');

  // A third delivery is a duplicate, and the person's place is where one "1" took them.
  expect(await deliver(redelivered, 3)).toMatchObject({ outcome: 'duplicate' });
  expect(shows(await person.say('1'), flow.questions[flow.questions[firstNext]?.options[0]?.next ?? '']?.text ?? flow.results[flow.questions[firstNext]?.options[0]?.next ?? '']?.text)).toBe(true);
});

it('a reply LINE refused for good (400) is final: a redelivery is a duplicate', async () => {
  t.fake.behave({ kind: 'status', status: 400 }, { times: 1 });
  const event = lineEvents.follow(newUserId());
  expect(await deliver(event, 1)).toMatchObject({ level: 'error', outcome: 'reply-failed', step: 'greeted', status: 400 });
  expect(await deliver({ ...event, deliveryContext: { isRedelivery: true } }, 2)).toMatchObject({ outcome: 'duplicate' });
  expect(t.fake.calls).toHaveLength(1);
});

it('a used-token 400 after a call that timed out counts as maybe-delivered, not failed', async () => {
  // LINE takes the first call at once but answers after the bot gave up on it; the retry finds the token used.
  t.fake.behave({ kind: 'late', ms: 800 }, { times: 1 });
  const event = lineEvents.follow(newUserId());
  const line = await deliver(event, 1);
  expect(line).toMatchObject({ level: 'warn', outcome: 'maybe-delivered', step: 'greeted', attempts: 2, earlier: [expect.objectContaining({ cause: 'ETIMEDOUT' })] });
  expect(t.fake.replies.filter((r) => r.body.replyToken === event.replyToken)).toHaveLength(1);
  const scraped = await scrape();
  expect(scraped).toContain('linebot_events_total{event="follow",outcome="maybe-delivered"} 1');
  expect(scraped).toContain('linebot_line_reply_duration_seconds_count{status="maybe-delivered"} 1');
  expect(scraped).not.toContain('status="400"');
  // Final: a redelivery is a duplicate.
  expect(await deliver({ ...event, deliveryContext: { isRedelivery: true } }, 2)).toMatchObject({ outcome: 'duplicate' });
});

it('a used-token 400 with no earlier lost call is a failure', async () => {
  const event = lineEvents.follow(newUserId());
  await deliver(event, 1);
  // Another event carrying a used token (as if LINE had sent one twice under different ids).
  const reused = { ...lineEvents.follow(newUserId()), replyToken: event.replyToken };
  expect(await deliver(reused, 1)).toMatchObject({ level: 'error', outcome: 'reply-failed', status: 400, lineMessage: 'Invalid reply token' });
});

it('at shutdown, an event whose reply outlasts the grace period is logged as lost, with where it was, and counted', async () => {
  t.fake.behave({ kind: 'hold' });
  const event = lineEvents.follow(newUserId());
  expect((await t.post([event])).status).toBe(200);
  await t.fake.waitFor('the held reply call', () => t.fake.calls.length >= 1);
  await t.bot.shutdown(50);
  expect(t.logs.find((l) => l.webhookEventId === event.webhookEventId)).toMatchObject({ level: 'error', outcome: 'lost', reason: 'reply-in-flight' });
  expect(await scrape()).toContain('linebot_events_total{event="follow",outcome="lost"} 1');
});

describe('the memory dedupe', () => {
  const logger = () => {
    const lines: Record<string, unknown>[] = [];
    const log = (level: string) => (fields: object, msg?: string) => lines.push({ level, ...fields, msg });
    return { lines, logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } satisfies Logger };
  };

  it('holds EVENTS_PEAK_PER_SECOND × 30 minutes of ids, and warns when traffic beyond that makes it forget early', async () => {
    const { lines, logger: log } = logger();
    let now = 0;
    const config = loadConfig({ EVENTS_PEAK_PER_SECOND: '2' });
    const stores = createStores({ config, clock: { now: () => now }, logger: log });
    // 2 a second for 30 minutes: 3,600 ids, each remembered.
    const ids = Array.from({ length: 3_600 }, () => newEventId());
    for (const id of ids) {
      now += 500;
      const found = await stores.claims.claim(id, 'owner', undefined);
      expect(found.kind).toBe('new');
      await stores.claims.settle(id, 'owner', 'done');
    }
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect((await stores.claims.claim(ids[0] ?? '', 'again', undefined)).kind).toBe('done');
    // Faster than configured: the oldest id goes before its window ends, and the log says so once.
    for (let i = 0; i < 20; i += 1) {
      now += 10;
      await stores.claims.claim(newEventId(), 'owner', undefined);
    }
    expect(lines.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ code: 'DEDUPE_FULL', capacity: 3_600 })]);
  });
});
