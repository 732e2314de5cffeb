/**
 * A slow LINE API, measured from outside (issue 19, fault 9): the built bot (dist/src/main.js, default limits unless
 * `--connections` sets LINE_API_MAX_CONNECTIONS) against a loopback LINE API that takes each reply token on arrival
 * and answers every call `--slow-ms` later. Signed one-event webhooks (a typed "1" from a new person each) arrive at
 * `--rate` a second for `--seconds`. Reports, for every event, whether LINE got its reply and what the bot's log and
 * metrics say of it: a reply LINE took must be logged and counted as delivered, not as failed or maybe-delivered.
 * Prints one JSON report. Loopback only.
 *
 *   npm run bench:slow-line -- --rate 30 --seconds 20 --slow-ms 3000
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startBuiltBot } from './built-bot';
import { findFreePort } from './child-processes';
import { readProcessMemory } from './read-proc';
import { startSlowLineApi } from './slow-line-api';

/** Outcomes that mean the reply is not known to have reached the person. */
const NOT_DELIVERED = new Set(['reply-failed', 'maybe-delivered', 'lost']);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '30' },
      seconds: { type: 'string', default: '20' },
      'slow-ms': { type: 'string', default: '3000' },
      connections: { type: 'string' },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const slowMs = Number(values['slow-ms']);

  const line = await startSlowLineApi({ delayMs: slowMs });
  const metricsPort = await findFreePort();
  const logged = new Map<string, Record<string, unknown>>();
  const bot = await startBuiltBot({
    lineBaseUrl: line.baseUrl,
    env: { METRICS_PORT: String(metricsPort), ...(values.connections !== undefined && { LINE_API_MAX_CONNECTIONS: values.connections }) },
    onLog: (entry) => {
      if (typeof entry.webhookEventId === 'string') logged.set(entry.webhookEventId, entry);
    },
  });

  const events: { id: string; token: string; sentAt: number }[] = [];
  const statuses = new Map<string, number>();
  const latencies: number[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(readProcessMemory(bot.node.pid).rssBytes), 1000);
  const post = async (i: number) => {
    const id = `01SLOW${String(i).padStart(20, '0')}`;
    const token = randomBytes(16).toString('hex');
    const sentAt = performance.now();
    events.push({ id, token, sentAt });
    let outcome: string;
    try {
      const { status } = await bot.postWebhook([
        {
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId: `U${randomBytes(16).toString('hex')}` },
          webhookEventId: id,
          deliveryContext: { isRedelivery: false },
          replyToken: token,
          message: { type: 'text', id: String(i), quoteToken: 'q', text: '1' },
        },
      ]);
      outcome = String(status);
      latencies.push(performance.now() - sentAt);
    } catch (error) {
      outcome = `error ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`;
    }
    statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
  };
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    posts.push(post(i));
  }
  await Promise.all(posts);
  // Every event ends with one log line: its reply taken, or given up at its deadline (20 s by default).
  const waitUntil = performance.now() + 60_000;
  while (events.some((e) => !logged.has(e.id)) && performance.now() < waitUntil) await sleep(200);
  clearInterval(sampler);
  const scraped = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  await bot.node.stop(40_000);
  await line.close();

  const count = (list: string[]) => Object.fromEntries([...new Set(list)].sort().map((key) => [key, list.filter((k) => k === key).length]));
  const outcomes = events.map((e) => String(logged.get(e.id)?.outcome ?? 'no log line'));
  const delivered = events.filter((e) => line.stats.received.has(e.token));
  const replyMs = delivered.map((e) => (line.stats.received.get(e.token) ?? 0) - e.sentAt);
  const quantiles = (list: number[]) => {
    list.sort((a, b) => a - b);
    const at = (q: number) => Math.round(list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? Number.NaN);
    return { count: list.length, p50: at(0.5), p99: at(0.99), max: Math.round(list.at(-1) ?? Number.NaN) };
  };
  const metric = (pattern: RegExp) => Object.fromEntries([...scraped.matchAll(pattern)].map((m) => [m[1], Number(m[2])]));
  console.log(
    JSON.stringify(
      {
        command: `npm run bench:slow-line -- --rate ${rate} --seconds ${seconds} --slow-ms ${slowMs}${values.connections !== undefined ? ` --connections ${values.connections}` : ''}`,
        events: events.length,
        webhookAnswers: Object.fromEntries(statuses),
        webhookLatencyMs: quantiles(latencies),
        line: {
          replyCalls: line.stats.calls,
          repliesReceived: delivered.length,
          usedTokenCalls: line.stats.usedTokenCalls,
          callsAbandonedBeforeAnswer: line.stats.abortedBeforeAnswer,
          sockets: line.stats.sockets,
        },
        replyReceivedByLineMs: quantiles(replyMs),
        loggedOutcomes: count(outcomes),
        // The check: events LINE got a reply for that the log calls anything but delivered.
        deliveredButLoggedNot: delivered.filter((e) => NOT_DELIVERED.has(String(logged.get(e.id)?.outcome))).length,
        notDelivered: events.length - delivered.length,
        failureCodes: count(events.filter((e) => logged.get(e.id)?.outcome === 'reply-failed').map((e) => `${String(logged.get(e.id)?.code)} ${String(logged.get(e.id)?.cause ?? '')}`.trim())),
        metrics: {
          eventsTotal: metric(/^linebot_events_total\{event="text",outcome="([^"]+)"\} (\d+)/gm),
          replyCallsByStatus: metric(/^linebot_line_reply_duration_seconds_count\{status="([^"]+)"\} (\d+)/gm),
        },
        botRssMiB: { peak: Math.round(Math.max(...rss) / 2 ** 20), atEnd: Math.round((rss.at(-1) ?? 0) / 2 ** 20) },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
