import { once } from 'node:events';
import type { webhook } from '@line/bot-sdk';
import { loadContent } from '../src/adapters/content/load-content';
import { buildBot, startBotProcess, type BotProcess } from './helpers/bot-process';
import { startFakeLineApi, type FakeLineApi } from './helpers/fake-line-api';
import { lineEvents, newUserId } from './helpers/line-events';
import { startRedisServer, type RedisServer } from './helpers/redis-server';
import { CHANNEL_ACCESS_TOKEN, quickReplyOf, ROOT, type Message } from './helpers/test-bot';

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

  beforeAll(async () => {
    main = buildBot('replicas-test');
    [redis, fake] = await Promise.all([startRedisServer(), startFakeLineApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN })]);
    const env = { REDIS_URL: redis.url, LINE_API_BASE_URL: fake.baseUrl };
    [a, b] = await Promise.all([startBotProcess(main, env), startBotProcess(main, env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all([fake.close(), redis.close()]);
  });

  /** Posts one event to a replica and returns what LINE received for its reply token. */
  async function send(replica: BotProcess, event: webhook.Event): Promise<Message[]> {
    const token = 'replyToken' in event ? event.replyToken : undefined;
    expect(await replica.post([event])).toBe(200);
    await replica.waitForLog((line) => line.webhookEventId === event.webhookEventId);
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
      [a, b].map(async (replica) => (await replica.waitForLog((line) => line.webhookEventId === event.webhookEventId)).outcome),
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
