/**
 * The CPU our logic adds to one event, without HTTP: the bench's own workload (same users, same mix) replayed through
 * the real webhook handler, engine, renderer and memory stores, as createBot wires them. The Messenger only
 * serialises the reply as the SDK does (JSON.stringify of {replyToken, messages}) and drops it. Everything both bots
 * pay (HTTP, signature, JSON.parse of the body, fetch) is left out, so this is what ours does that the echo bot does
 * not, measured in one process where a noisy machine disturbs it least. Prints one JSON line.
 *
 *   node dist/bench/logic-cost.js <users> <events>
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { webhook } from '@line/bot-sdk';
import { loadContent } from '../src/adapters/content/load-content';
import { createIdHasher } from '../src/adapters/log/hash-id';
import { createStores } from '../src/adapters/store/create-stores';
import { createConverse } from '../src/app/converse';
import { createWebhookHandler } from '../src/app/handle-webhook';
import type { Logger } from '../src/app/ports';
import { loadConfig } from '../src/config';
import { createLocalizedEngine } from '../src/core/conversation/step-in-language';
import { createRenderer } from '../src/core/render/render-reply';
import { buildWorkload } from './build-workload';

export interface LogicCostResult {
  readonly users: number;
  readonly events: number;
  /** Wall time per event over the measured events (single thread, so ≈ CPU), µs. */
  readonly microsPerEvent: number;
  /** Mean length of the serialised replies, characters (JSON.stringify). */
  readonly meanReplyChars: number;
}

/** Events handled at once, as the bots see at concurrency 32. */
const CONCURRENCY = 32;

async function measure(users: number, events: number): Promise<LogicCostResult> {
  const root = path.resolve(__dirname, '../..');
  const secret = 'bench-secret';
  const config = loadConfig({ LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: 'bench-token', PUBLIC_BASE_URL: 'https://bot.example.jp' });
  const content = loadContent(root);
  const clock = { now: () => Date.now() };
  let replyChars = 0;
  let replies = 0;
  const noop = () => undefined;
  const silent: Logger = { debug: noop, info: noop, warn: noop, error: noop };
  const stores = createStores({ config, clock, logger: silent });
  const handler = createWebhookHandler({
    converse: createConverse({
      engine: createLocalizedEngine(content, { sessionTtlMinutes: config.sessionTtlMinutes }),
      render: createRenderer(content, { iconBaseUrl: config.publicBaseUrl }),
      sessions: stores.sessions,
    }),
    claims: stores.claims,
    sessions: stores.sessions,
    sessionTtlMs: config.sessionTtlMinutes * 60_000,
    messenger: {
      async reply(replyToken, messages) {
        replyChars += JSON.stringify({ replyToken, messages }).length;
        replies += 1;
        return { attempts: 1 };
      },
    },
    logger: silent,
    clock,
    hashId: createIdHasher(secret),
  });
  // Warm-up on the first third of the workload (JIT, sessions of the returning users); measure the rest.
  const workload = buildWorkload({ flow: content.flow, users, events, channelSecret: secret, seed: 20_261_128 });
  const parsed = workload.bodies.map((body) => (JSON.parse(body.toString('utf8')) as webhook.CallbackRequest).events);
  const run = async (from: number, to: number) => {
    for (let i = from; i < to; i += CONCURRENCY) {
      await Promise.all(parsed.slice(i, Math.min(to, i + CONCURRENCY)).map((batch) => handler.handleEvents(batch)));
    }
  };
  const warm = Math.floor(events / 3);
  await run(0, warm);
  replyChars = 0;
  replies = 0;
  const started = performance.now();
  await run(warm, events);
  const elapsed = performance.now() - started;
  return {
    users,
    events: events - warm,
    microsPerEvent: (elapsed * 1000) / (events - warm),
    meanReplyChars: replies > 0 ? replyChars / replies : 0,
  };
}

const [users, events] = process.argv.slice(2).map(Number);
if (!users || !events || !Number.isInteger(users) || !Number.isInteger(events)) {
  console.error('usage: node dist/bench/logic-cost.js <users> <events>');
  process.exit(2);
}
measure(users, events).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
