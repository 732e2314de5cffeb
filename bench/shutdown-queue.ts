/**
 * A person's queued events at shutdown, measured from outside (issue 19, fault 8): the built bot (dist/src/main.js,
 * default limits: each call 5 s, a reply 20 s, 30 s of grace) against a loopback LINE API that takes each reply
 * and answers it `--hold-ms` later. One signed webhook carries `--events` postbacks of one person (the crisis button);
 * SIGTERM comes `--sigterm-at-ms` after it was sent. Reports the exit, how many replies LINE got, and each event's
 * logged outcome (`lost` with its reason, if any). Prints one JSON report. Loopback only.
 *
 *   npm run bench:shutdown -- --events 12 --hold-ms 3000 --sigterm-at-ms 1000
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { encodePostback } from '../src/core/postback';
import { startBuiltBot } from './built-bot';
import { startSlowLineApi } from './slow-line-api';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '12' },
      'hold-ms': { type: 'string', default: '3000' },
      'sigterm-at-ms': { type: 'string', default: '1000' },
    },
  });
  const count = Number(values.events);
  const holdMs = Number(values['hold-ms']);
  const sigtermAtMs = Number(values['sigterm-at-ms']);

  const line = await startSlowLineApi({ delayMs: holdMs });
  const logs: Record<string, unknown>[] = [];
  const bot = await startBuiltBot({ lineBaseUrl: line.baseUrl, onLog: (entry) => logs.push(entry) });
  const exited = once(bot.node.child, 'exit');

  const userId = `U${randomBytes(16).toString('hex')}`;
  const now = Date.now();
  const events = Array.from({ length: count }, (_, i) => ({
    type: 'postback',
    mode: 'active',
    timestamp: now + i,
    source: { type: 'user', userId },
    webhookEventId: `01SHUTDOWN${String(i).padStart(16, '0')}`,
    deliveryContext: { isRedelivery: false },
    replyToken: randomBytes(16).toString('hex'),
    postback: { data: encodePostback({ action: 'crisis' }) },
  }));
  const sentAt = performance.now();
  const answered = bot.postWebhook(events).then((answer) => ({ ...answer, ms: Math.round(performance.now() - sentAt) }));
  await sleep(sigtermAtMs - (performance.now() - sentAt));
  const sigtermAt = performance.now();
  bot.node.child.kill('SIGTERM');
  const [exitCode] = (await exited) as [number | null];
  const exitedAt = performance.now();
  await line.close();

  const outcomeOf = (id: string) => logs.filter((l) => l.webhookEventId === id).map((l) => String(l.outcome));
  const outcomes = events.flatMap((e) => outcomeOf(e.webhookEventId));
  console.log(
    JSON.stringify(
      {
        command: `npm run bench:shutdown -- --events ${count} --hold-ms ${holdMs} --sigterm-at-ms ${sigtermAtMs}`,
        webhook: await answered,
        sigtermAtMsAfterWebhookSent: Math.round(sigtermAt - sentAt),
        exit: { code: exitCode, msAfterSigterm: Math.round(exitedAt - sigtermAt) },
        repliesReceivedByLine: events.filter((e) => line.stats.received.has(e.replyToken)).length,
        replyReceivedByLineMsAfterWebhookSent: events.map((e) => Math.round((line.stats.received.get(e.replyToken) ?? Number.NaN) - sentAt)),
        replyCalls: line.stats.calls,
        loggedOutcomes: Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length])),
        eventsWithoutOneLogLine: events.filter((e) => outcomeOf(e.webhookEventId).length !== 1).length,
        lost: logs.filter((l) => l.outcome === 'lost').map((l) => ({ webhookEventId: l.webhookEventId, reason: l.reason })),
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
