import { once } from 'node:events';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { webhook } from '@line/bot-sdk';
import { createClient } from 'redis';
import { loadContent } from '../src/adapters/content/load-content';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { encodePostback } from '../src/core/postback';
import { buildBot, startBotProcess, type BotProcess } from './helpers/bot-process';
import { startFakeLineApi, type FakeLineApi } from './helpers/fake-line-api';
import { lineEvents, newUserId } from './helpers/line-events';
import { startRedisServer, type RedisServer } from './helpers/redis-server';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, quickReplyOf, ROOT, type Message } from './helpers/test-bot';

/**
 * Two bot processes on one Redis, as two replicas behind a load balancer: one person's events, sent to either,
 * behave as one bot.
 */
const { flow } = loadContent(ROOT);

/** Whether LINE got this text in the messages (as JSON escapes it). */
const shows = (messages: Message[], text: string | undefined) => text !== undefined && JSON.stringify(messages).includes(JSON.stringify(text).slice(1, -1));

/** The route through the first option of every question, with each question's text: what the person should see. */
function firstOptionRoute(): { label: string; nextText: string }[] {
  const route: { label: string; nextText: string }[] = [];
  for (let at = flow.questions[flow.start]; at; ) {
    const option = at.options[0];
    if (!option) break;
    const next = flow.questions[option.next];
    route.push({ label: option.label, nextText: next?.text ?? flow.results[option.next]?.text ?? '' });
    at = next;
  }
  return route;
}

describe('two replicas on one Redis', () => {
  let redis: RedisServer;
  let fake: FakeLineApi;
  let main: string;
  let a: BotProcess;
  let b: BotProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    main = buildBot('replicas-test');
    [redis, fake] = await Promise.all([startRedisServer(), startFakeLineApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN })]);
    // A reply may take 1.5 s in all (its last call starts by 1 s), so a claim held by a replica that died lapses
    // 3.5 s after it was taken.
    env = { REDIS_URL: redis.url, LINE_API_BASE_URL: fake.baseUrl, LINE_API_TIMEOUT_MS: '500', LINE_REPLY_DEADLINE_MS: '1000' };
    [a, b] = await Promise.all([startBotProcess(main, env), startBotProcess(main, env)]);
    // The build alone takes a minute on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all([fake.close(), redis.close()]);
  });

  /** Posts one event to a replica and returns what LINE received for its reply token. */
  async function send(replica: BotProcess, event: webhook.Event): Promise<Message[]> {
    const token = 'replyToken' in event ? event.replyToken : undefined;
    expect(await replica.post([event])).toBe(200);
    await replica.waitForLog(`the line for ${event.webhookEventId}`, (line) => line.webhookEventId === event.webhookEventId);
    const reply = fake.replies.find((r) => r.body.replyToken === token);
    return (reply?.body.messages ?? []) as Message[];
  }

  function tapEvent(userId: string, last: Message[], label: string) {
    const item = quickReplyOf(last).find((i) => i.action.label === label);
    if (!item) throw new Error(`no button "${label}"`);
    return lineEvents.postback(userId, item.action.data);
  }

  it('one person’s taps, alternated between the replicas, walk the flow as with one bot', async () => {
    const userId = newUserId();
    let last = await send(a, lineEvents.follow(userId));
    expect(shows(last, flow.questions[flow.start]?.text)).toBe(true);
    const route = firstOptionRoute();
    expect(route.length).toBeGreaterThanOrEqual(2);
    for (const [i, { label, nextText }] of route.entries()) {
      last = await send(i % 2 === 0 ? b : a, tapEvent(userId, last, label));
      expect(shows(last, nextText)).toBe(true);
    }
    expect(last.some((m) => m.type === 'flex')).toBe(true);
  });

  it('the same webhookEventId delivered to both is answered once', async () => {
    const event = lineEvents.follow(newUserId());
    const statuses = await Promise.all([a.post([event]), b.post([{ ...event, deliveryContext: { isRedelivery: true } }])]);
    expect(statuses).toEqual([200, 200]);
    const outcomes = await Promise.all(
      [a, b].map(async (replica) => (await replica.waitForLog(`the line for ${event.webhookEventId}`, (line) => line.webhookEventId === event.webhookEventId)).outcome),
    );
    expect(outcomes.sort()).toEqual(['duplicate', 'greeted']);
    expect(fake.replies.filter((r) => r.body.replyToken === event.replyToken)).toHaveLength(1);
  });

  it('two events of one person at the same moment on both replicas are both applied, one after the other', async () => {
    const userId = newUserId();
    await send(a, lineEvents.follow(userId));
    const [first, second] = [lineEvents.text(userId, '1'), lineEvents.text(userId, '1')];
    const replies = await Promise.all([send(a, first), send(b, second)]);
    const start = flow.questions[flow.start];
    const afterOne = start && flow.questions[start.options[0]?.next ?? ''];
    const afterTwo = afterOne && flow.questions[afterOne.options[0]?.next ?? ''];
    if (!afterOne || !afterTwo) throw new Error('the flow needs two questions in a row for this test');
    // Without the compare-and-set both would have stepped from the first question and asked the same.
    const asked = replies.map((messages) => (shows(messages, afterTwo.text) ? 'second' : shows(messages, afterOne.text) ? 'first' : 'other'));
    expect(asked.sort()).toEqual(['first', 'second']);
  });

  it('two flow versions side by side (a rolling deploy): a session keeps its place where its question still exists, and restarts kindly where not', async () => {
    // The other version: the same flow with one more line in triage.yaml, so its flow version differs.
    const dir = mkdtempSync(path.join(tmpdir(), 'flow-v2-'));
    for (const folder of ['flows', 'data']) cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
    appendFileSync(path.join(dir, 'flows/triage.yaml'), '\n# the next release\n');
    const next = await startBotProcess(main, env, { cwd: dir });
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      const versionOf = async (replica: BotProcess) => (await replica.waitForLog('listening', (line) => line.msg === 'listening')).flowVersion;
      expect(await versionOf(next)).not.toBe(await versionOf(a));
      const userId = newUserId();
      const route = firstOptionRoute();
      let last = await send(a, lineEvents.follow(userId));
      last = await send(a, tapEvent(userId, last, route[0]?.label ?? ''));
      // "1" typed reaches the other version, which answers it at the person's place (not at the first question);
      // then the next "1" reaches the first version again, and goes on from there.
      last = await send(next, lineEvents.text(userId, '1'));
      expect(shows(last, route[1]?.nextText)).toBe(true);
      last = await send(a, lineEvents.text(userId, '1'));
      expect(shows(last, route[2]?.nextText)).toBe(true);

      // A place saved by a version that had a question this one has not: the person starts again, told why.
      const key = `s:${createIdHasher(CHANNEL_SECRET)(userId)}`;
      await admin.set(key, JSON.stringify([1, 'another-version', 'gone_question', [flow.start]]), { expiration: { type: 'PX', value: 60_000 } });
      const gone = lineEvents.postback(userId, encodePostback({ action: 'choose', questionId: 'gone_question', optionId: 'yes' }));
      last = await send(next, gone);
      expect(shows(last, flow.messages.flowUpdated)).toBe(true);
      expect(shows(last, flow.questions[flow.start]?.text)).toBe(true);
      expect(await next.waitForLog(`the line for ${gone.webhookEventId}`, (line) => line.webhookEventId === gone.webhookEventId)).toMatchObject({ outcome: 'flow-updated' });
    } finally {
      await admin.close();
      await next.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('kill -9 of the replica whose reply LINE held: the redelivery to the other is answered, once, from the same place', async () => {
    const doomed = await startBotProcess(main, env);
    const userId = newUserId();
    const route = firstOptionRoute();
    const last = await send(doomed, lineEvents.follow(userId));
    fake.behave({ kind: 'hold' });
    const tap = tapEvent(userId, last, route[0]?.label ?? '');
    const calls = () => fake.calls.filter((c) => c.replyToken === tap.replyToken).length;
    const posted = doomed.post([tap]);
    await fake.waitFor('the held reply call', () => calls() === 1);
    const gone = once(doomed.child, 'exit');
    doomed.child.kill('SIGKILL');
    await gone;
    await posted.catch(() => undefined);
    // LINE got no 200 (or gave up waiting) and redelivers to the other replica, which waits out the dead one's claim.
    expect(await b.post([{ ...tap, deliveryContext: { isRedelivery: true } }])).toBe(200);
    await fake.waitFor('the redelivered reply call', () => calls() === 2, 10_000);
    fake.behave({ kind: 'accept' });
    fake.release();
    const logged = await b.waitForLog(`the line for ${tap.webhookEventId}`, (line) => line.webhookEventId === tap.webhookEventId);
    expect(logged).toMatchObject({ outcome: 'asked', claim: 'replay' });
    const replies = fake.replies.filter((r) => r.body.replyToken === tap.replyToken);
    expect(replies).toHaveLength(1);
    expect(shows((replies[0]?.body.messages ?? []) as Message[], route[0]?.nextText)).toBe(true);
  }, 20_000);

  it('kill -9 of one replica mid-conversation: the next tap on the other continues where the person was', async () => {
    const userId = newUserId();
    const route = firstOptionRoute();
    let last = await send(a, lineEvents.follow(userId));
    last = await send(a, tapEvent(userId, last, route[0]?.label ?? ''));
    const gone = once(a.child, 'exit');
    a.child.kill('SIGKILL');
    await gone;
    last = await send(b, tapEvent(userId, last, route[1]?.label ?? ''));
    expect(shows(last, route[1]?.nextText)).toBe(true);
  });
});
