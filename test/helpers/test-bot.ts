import path from 'node:path';
import type { messagingApi, webhook } from '@line/bot-sdk';
import request from 'supertest';
import { loadContent } from '../../src/adapters/content/load-content';
import type { Metrics } from '../../src/app/ports';
import { loadConfig } from '../../src/config';
import { createBot, type Bot } from '../../src/create-bot';
import type { LocalizedContent } from '../../src/core/content';
import { startFakeLineApi, type FakeLineApi } from './fake-line-api';
import { lineEvents, newUserId } from './line-events';
import { createRecordingLogger } from './recording-logger';
import { sign } from './sign';

export const ROOT = path.resolve(__dirname, '../..');
export const CHANNEL_SECRET = 'test-channel-secret-0123456789ab';
export const CHANNEL_ACCESS_TOKEN = 'test-access-token';

export type Message = messagingApi.Message & Record<string, unknown>;

export interface TestBot {
  readonly bot: Bot;
  readonly fake: FakeLineApi;
  readonly content: LocalizedContent;
  readonly logs: Record<string, unknown>[];
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(description: string, match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Moves the bot's clock forward (for session expiry). */
  advanceClock(ms: number): void;
  /** Sets the bot's clock to an instant, such as Date.parse('2027-01-11T22:30+09:00') (for opening hours). */
  setClock(ms: number): void;
  /** Posts a signed webhook with these events, exactly as LINE would. */
  post(events: webhook.Event[]): Promise<request.Response>;
  /**
   * Resolves once the bot has finished with these events: one log line per event (handled, failed, duplicate,
   * ignored), as many as the list holds each webhookEventId. A 200 alone does not say so (see the response deadline).
   */
  settle(events: readonly webhook.Event[]): Promise<void>;
  /** Posts this exact body, correctly signed. */
  postRaw(body: string): Promise<request.Response>;
  /**
   * Posts one event, waits until the bot has finished with it (its log line), and returns the messages it replied
   * with to its reply token (none if it did not).
   */
  send(event: webhook.Event): Promise<Message[]>;
  user(userId?: string): TestUser;
  close(): Promise<void>;
}

/** A person chatting: remembers the last reply so `tap` can press its quick-reply buttons by label. */
export interface TestUser {
  readonly userId: string;
  last: Message[];
  follow(): Promise<Message[]>;
  say(text: string): Promise<Message[]>;
  tap(label: string): Promise<Message[]>;
  postback(data: string): Promise<Message[]>;
}

/** Starts the real bot against a fake LINE API on 127.0.0.1, with a clock the test controls. */
/** The repo's content, loaded once per test file: it is immutable, and loading it (the model included) takes ~0.3 s. */
let sharedContent: LocalizedContent | undefined;

export async function startTestBot(env: Record<string, string> = {}, options: { metrics?: Metrics } = {}): Promise<TestBot> {
  const fake = await startFakeLineApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  const config = loadConfig({
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: fake.baseUrl,
    PUBLIC_BASE_URL: 'https://bot.example.jp',
    ...env,
  });
  const logger = createRecordingLogger();
  const { logs, waitForLog } = logger;
  let now = 1_767_000_000_000;
  const content = (sharedContent ??= loadContent(ROOT));
  const bot = createBot({ config, content, logger, clock: { now: () => now }, rootDir: ROOT, metrics: options.metrics });

  const postRaw = (body: string) =>
    request(bot.app)
      .post('/webhook')
      .set('content-type', 'application/json; charset=utf-8')
      .set('x-line-signature', sign(body, CHANNEL_SECRET))
      .send(body);
  const post = (events: webhook.Event[]) =>
    postRaw(JSON.stringify({ destination: 'U8e742f61d673b39c7fff3cecb7536ef0', events }));
  const settle = async (events: readonly webhook.Event[]) => {
    const expected = new Map<string, number>();
    for (const { webhookEventId: id } of events) expected.set(id, (expected.get(id) ?? 0) + 1);
    for (const [id, count] of expected) {
      await waitForLog(`${count} log line(s) for event ${id}`, () => logs.filter((l) => l.webhookEventId === id).length >= count);
    }
  };
  const send = async (event: webhook.Event): Promise<Message[]> => {
    const response = await post([event]);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    await settle([event]);
    const token = 'replyToken' in event ? event.replyToken : undefined;
    const reply = fake.replies.find((r) => r.body.replyToken === token);
    return (reply?.body.messages ?? []) as Message[];
  };
  const user = (userId = newUserId()): TestUser => {
    const person: TestUser = {
      userId,
      last: [],
      follow: async () => (person.last = await send(lineEvents.follow(userId))),
      say: async (text) => (person.last = await send(lineEvents.text(userId, text))),
      postback: async (data) => (person.last = await send(lineEvents.postback(userId, data))),
      tap: async (label) => {
        const items = quickReplyOf(person.last);
        const item = items.find((i) => i.action.label === label);
        if (!item) throw new Error(`no button "${label}" among ${items.map((i) => i.action.label).join(', ')}`);
        return person.postback(item.action.data);
      },
    };
    return person;
  };
  return {
    bot,
    fake,
    content,
    logs,
    waitForLog,
    advanceClock: (ms) => {
      now += ms;
    },
    setClock: (ms) => {
      now = ms;
    },
    post,
    settle,
    postRaw,
    send,
    user,
    close: () => fake.close(),
  };
}

/**
 * A fresh test bot for each test of the calling file (started in beforeEach, closed in afterEach): `const t =
 * useTestBot()`, then `t()` in a test. After each test, nothing the bot sent may have been refused by the fake LINE
 * API (over 13 quick replies, labels over 20, the OpenAPI shape...).
 */
export function useTestBot(env: Record<string, string> = {}, options: { metrics?: Metrics } = {}): () => TestBot {
  let current: TestBot | undefined;
  beforeEach(async () => {
    current = await startTestBot(env, options);
  });
  afterEach(async () => {
    const ended = current;
    current = undefined;
    await ended?.close();
    expect(ended?.fake.rejected).toEqual([]);
  });
  return () => {
    if (!current) throw new Error('useTestBot(): the bot runs only inside a test');
    return current;
  };
}

/**
 * One test bot for all the tests of the calling file or describe block (started in beforeAll, closed in afterAll),
 * for tests that each chat as their own user: `const t = useSharedTestBot()`, then `t()` in a test. After each test,
 * nothing the bot sent may have been refused by the fake LINE API.
 */
export function useSharedTestBot(env: Record<string, string> = {}): () => TestBot {
  let current: TestBot | undefined;
  beforeAll(async () => {
    current = await startTestBot(env);
  });
  afterEach(() => {
    expect(current?.fake.rejected).toEqual([]);
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useSharedTestBot(): the bot runs only inside a test');
    return current;
  };
}

/** The words of a reply's text messages, one message a line (cards and chips left out). */
export function messageTexts(messages: readonly Message[]): string {
  return messages.map((m) => String(m.text ?? '')).join('\n');
}

/** A reply as it went over the wire (cards, buttons and tel: links included), for "somewhere in the reply" checks. */
export function wireOf(messages: readonly unknown[]): string {
  return JSON.stringify(messages);
}

/**
 * The quick-reply buttons LINE shows that answer the bot (postbacks): those of the last message only. The call chip
 * of a line open now (a tel: URI) is left out; test/call-chip.test.ts checks it.
 */
export function quickReplyOf(messages: Message[]): { action: { label: string; data: string; displayText: string } }[] {
  const last = messages.at(-1) as { quickReply?: { items: { action: { type: string; label: string; data: string; displayText: string } }[] } } | undefined;
  return (last?.quickReply?.items ?? []).filter((item) => item.action.type !== 'uri');
}

/** The result's carousels: its windows' cards, in carousels of similar heights (render-reply.ts). */
export function resultCarousels(messages: Message[]): (Message & messagingApi.FlexMessage)[] {
  return messages.filter(
    (m): m is Message & messagingApi.FlexMessage => m.type === 'flex' && (m as messagingApi.FlexMessage).contents.type === 'carousel',
  );
}

/** The agency names on the cards of a result's carousels, in order. */
export function cardTitles(messages: Message[]): string[] {
  const bubbles = resultCarousels(messages).flatMap((flex) => (flex.contents.type === 'carousel' ? flex.contents.contents : []));
  return bubbles.map((bubble) => {
    const texts = (bubble.body?.contents ?? []).filter((c): c is messagingApi.FlexText => c.type === 'text');
    return texts.find((t) => t.weight === 'bold' && t.size === 'lg')?.text ?? '';
  });
}

/** Every tel: URI anywhere in the messages (the call chip's included), in order. */
export function telLinks(messages: Message[]): string[] {
  return [...JSON.stringify(messages).matchAll(/"uri":"(tel:[^"]+)"/g)].map((m) => m[1] ?? '');
}
