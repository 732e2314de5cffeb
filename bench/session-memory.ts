/**
 * Memory per idle session: drives N distinct users through follow + one tap with the real webhook handler, engine,
 * renderer and the memory stores (as createBot wires them; only the Messenger is a no-op), then compares
 * process.memoryUsage() after a full GC with the figure before. Prints one JSON line.
 *
 *   node --expose-gc dist/bench/session-memory.js 100000
 *
 * Started by run-bench.ts, one process per N, so one measurement cannot leave garbage for the next.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { webhook } from '@line/bot-sdk';
import { loadContent } from '../src/adapters/content/load-content';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { CLAIM_LEASE_MARGIN_MS, EVENT_ID_TTL_MS, memoryEventIdCapacity } from '../src/adapters/store/create-stores';
import { createMemoryClaims } from '../src/adapters/store/memory-claims';
import { MemoryStorage } from '../src/adapters/store/memory-storage';
import { createSessionStore } from '../src/app/session-store';
import { createConverse } from '../src/app/converse';
import { createWebhookHandler } from '../src/app/handle-webhook';
import type { Logger } from '../src/app/ports';
import { loadConfig } from '../src/config';
import { createLocalizedEngine } from '../src/core/conversation/step-in-language';
import { encodePostback } from '../src/core/postback';
import { createRenderer } from '../src/core/render/render-reply';

export interface SessionMemoryResult {
  readonly sessions: number;
  readonly heapUsedBytesPerSession: number;
  readonly rssBytesPerSession: number;
  /** Wall time to drive the N users through (follow, then tap), ms. */
  readonly driveMs: number;
  readonly before: NodeJS.MemoryUsage;
  readonly after: NodeJS.MemoryUsage;
}

/** Events sent at once; the handler runs different chats side by side, as under a burst. */
const BATCH = 1_000;
/** Enough events to fill the handler's bounded event-id memory (36,000 at the default peak rate) before measuring, so it is not counted. */
const WARMUP_EVENTS = 40_000;

const noop = () => undefined;
const silent: Logger = { debug: noop, info: noop, warn: noop, error: noop };

async function measure(sessions: number): Promise<SessionMemoryResult> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const root = path.resolve(__dirname, '../..');
  const config = loadConfig({ LINE_CHANNEL_SECRET: 'bench-secret', LINE_CHANNEL_ACCESS_TOKEN: 'bench-token', PUBLIC_BASE_URL: 'https://bot.example.jp' });
  const content = loadContent(root);
  const clock = { now: () => Date.now() };
  // As createStores wires them, keeping the session storage at hand to count what it holds.
  const store = new MemoryStorage({ maxEntries: config.sessionMaxCount, clock });
  const events = new MemoryStorage({ maxEntries: memoryEventIdCapacity(config.eventsPeakPerSecond), clock });
  const claims = createMemoryClaims({ events, sessions: store, clock, leaseMs: config.lineApi.replyDeadlineMs + CLAIM_LEASE_MARGIN_MS, keepMs: EVENT_ID_TTL_MS });
  const sessionStore = createSessionStore(store, { ttlMs: config.sessionTtlMinutes * 60_000 });
  if (sessions > config.sessionMaxCount) throw new Error(`SESSION_MAX_COUNT (${config.sessionMaxCount}) is below ${sessions}`);
  const handler = createWebhookHandler({
    converse: createConverse({
      engine: createLocalizedEngine(content, { sessionTtlMinutes: config.sessionTtlMinutes }),
      render: createRenderer(content, { iconBaseUrl: config.publicBaseUrl }),
      sessions: sessionStore,
    }),
    claims,
    sessions: sessionStore,
    sessionTtlMs: config.sessionTtlMinutes * 60_000,
    messenger: { reply: async () => ({ attempts: 1 }) },
    logger: silent,
    clock,
    hashId: createIdHasher('bench-secret'),
  });
  const { flow } = content;
  const start = flow.questions[flow.start];
  if (!start) throw new Error('the flow has no start question');

  let serial = 0;
  const base = (userId: string) => {
    serial += 1;
    return {
      mode: 'active' as const,
      timestamp: 1_767_000_000_000 + serial,
      source: { type: 'user' as const, userId },
      webhookEventId: `01MEM${serial.toString(36).toUpperCase().padStart(21, '0')}`,
      deliveryContext: { isRedelivery: false },
      replyToken: serial.toString(16).padStart(32, '0'),
    };
  };
  const userId = (prefix: string, i: number) => `U${prefix}${i.toString(16).padStart(31, '0')}`;
  const follow = (id: string): webhook.Event => ({ ...base(id), type: 'follow', follow: { isUnblocked: false } });
  const tap = (id: string, i: number): webhook.Event => {
    const option = start.options[i % start.options.length]!;
    return { ...base(id), type: 'postback', postback: { data: encodePostback({ action: 'choose', questionId: start.id, optionId: option.id }) } };
  };
  const unfollow = (id: string): webhook.Event => {
    const { replyToken: _none, ...event } = base(id);
    return { ...event, type: 'unfollow' };
  };
  const drive = async (count: number, toEvents: (i: number) => webhook.Event[]) => {
    for (let from = 0; from < count; from += BATCH) {
      const batch: Promise<void>[] = [];
      for (let i = from; i < Math.min(count, from + BATCH); i++) {
        batch.push(...toEvents(i).map((event) => handler.handleEvents([event])));
      }
      await Promise.all(batch);
    }
  };

  // Warm up: JIT the code paths, fill the duplicate-id memory, then leave no session behind.
  await drive(WARMUP_EVENTS / 3, (i) => [follow(userId('a', i)), tap(userId('a', i), i), unfollow(userId('a', i))]);
  if (store.size !== 0) throw new Error(`warm-up left ${store.size} sessions`);
  gc();
  gc();
  const before = process.memoryUsage();
  const started = performance.now();

  // A follow then one tap per user, each awaited in order (a chat's events are handled one after another anyway).
  await drive(sessions, (i) => [follow(userId('b', i))]);
  await drive(sessions, (i) => [tap(userId('b', i), i)]);
  const driveMs = performance.now() - started;
  if (store.size !== sessions) throw new Error(`expected ${sessions} sessions, the store holds ${store.size}`);
  gc();
  gc();
  const after = process.memoryUsage();
  await handler.close(Number.POSITIVE_INFINITY); // keeps the handler (and its bounded duplicate-id memory) alive through the measurement
  return {
    sessions,
    heapUsedBytesPerSession: (after.heapUsed - before.heapUsed) / sessions,
    rssBytesPerSession: (after.rss - before.rss) / sessions,
    driveMs,
    before,
    after,
  };
}

const sessions = Number(process.argv[2]);
if (!Number.isInteger(sessions) || sessions <= 0) {
  console.error('usage: node --expose-gc dist/bench/session-memory.js <sessions>');
  process.exit(2);
}
measure(sessions).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
