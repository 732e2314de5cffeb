/**
 * A LINE API outage under load, measured from outside: the built bot (dist/src/main.js, default limits) against a
 * loopback LINE API that reads each reply call and never answers for the first `--seconds` of the load, then
 * (with `--after`) answers every call at once for `--after` seconds more. Signed webhooks arrive at `--rate` a
 * second throughout; every 500 ms it samples the bot's open file descriptors and resident memory and the sockets
 * open to the fake LINE API. Reports webhook latency during and after the outage, how soon after LINE's return the
 * first reply got through and when the replies that waited were all out. Prints one JSON report. Loopback only.
 *
 *   npm run bench:outage -- --rate 150 --seconds 30 --after 10
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { findFreePort, startNode, waitForHealthy } from './child-processes';
import { readProcessMemory } from './read-proc';

const SAMPLE_MS = 500;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '150' },
      seconds: { type: 'string', default: '30' },
      after: { type: 'string', default: '0' },
      users: { type: 'string', default: '5000' },
    },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const after = Number(values.after);
  const users = Array.from({ length: Number(values.users) }, () => `U${randomBytes(16).toString('hex')}`);
  const root = path.resolve(__dirname, '../..');

  // The LINE API: hangs while down (counts the sockets the bot opens to it, answers nothing), then answers 200.
  const lineSockets = { open: 0, peak: 0, opened: 0 };
  let calls = 0;
  let down = true;
  let backAt = Number.NaN;
  const accepted: number[] = [];
  /** Reply tokens of the events sent while LINE was down, and when LINE took their replies. */
  const tokensSentDuringOutage = new Set<string>();
  const acceptedFromOutage: number[] = [];
  const line = http.createServer((req, res) => {
    calls += 1;
    if (down) {
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      accepted.push(performance.now());
      // Replies only: the profile calls (GET, no body) are answered too.
      if (req.method === 'POST') {
        const { replyToken } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { replyToken?: string };
        if (replyToken !== undefined && tokensSentDuringOutage.has(replyToken)) acceptedFromOutage.push(performance.now());
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': randomBytes(8).toString('hex') });
      res.end('{"sentMessages":[]}');
    });
  });
  line.on('connection', (socket) => {
    lineSockets.opened += 1;
    lineSockets.open += 1;
    lineSockets.peak = Math.max(lineSockets.peak, lineSockets.open);
    socket.on('close', () => (lineSockets.open -= 1));
  });
  line.listen(0, '127.0.0.1');
  await once(line, 'listening');

  const secret = randomBytes(16).toString('hex');
  const port = await findFreePort();
  const bot = startNode({
    script: path.join(root, 'dist/src/main.js'),
    nodeFlags: [],
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LINE_CHANNEL_SECRET: secret,
      LINE_CHANNEL_ACCESS_TOKEN: randomBytes(24).toString('base64url'),
      LINE_API_BASE_URL: `http://127.0.0.1:${(line.address() as AddressInfo).port}`,
      PORT: String(port),
      LOG_LEVEL: 'silent',
    },
  });
  // Generous: start-up on a busy shared machine can take many seconds.
  await waitForHealthy(port, { everyMs: 50, timeoutMs: 60_000, child: bot.child });

  const samples: { t: number; fds: number; rssMiB: number; lineSockets: number }[] = [];
  const started = performance.now();
  const sample = () =>
    samples.push({
      t: Math.round((performance.now() - started) / 100) / 10,
      fds: readdirSync(`/proc/${bot.pid}/fd`).length,
      rssMiB: Math.round(readProcessMemory(bot.pid).rssBytes / 2 ** 20),
      lineSockets: lineSockets.open,
    });
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);

  const statuses = new Map<string, number>();
  const latencies: number[] = [];
  const latenciesAfter: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const post = async (i: number) => {
    const userId = users[i % users.length];
    const replyToken = randomBytes(16).toString('hex');
    if (down) tokensSentDuringOutage.add(replyToken);
    const body = JSON.stringify({
      destination: 'Ubench',
      events: [
        {
          type: 'follow',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId },
          webhookEventId: `01BENCH${String(i).padStart(19, '0')}`,
          deliveryContext: { isRedelivery: false },
          replyToken,
          follow: { isUnblocked: false },
        },
      ],
    });
    const sent = performance.now();
    let outcome: string;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': createHmac('sha256', secret).update(body).digest('base64') },
        body,
      });
      await response.arrayBuffer();
      outcome = String(response.status);
      (sent >= backAt ? latenciesAfter : latencies).push(performance.now() - sent);
    } catch (error) {
      outcome = `error ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`;
    }
    statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
  };
  const total = rate * (seconds + after);
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    if (down && after > 0 && i >= rate * seconds) {
      down = false;
      backAt = performance.now();
    }
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const request = post(i);
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all([...inFlight]);
  const loadEnded = performance.now();
  // The replies given up last need their deadline (20 s by default) to end; sample until the sockets are gone.
  while (lineSockets.open > 0 && performance.now() - loadEnded < 30_000) await sleep(SAMPLE_MS);
  await sleep(SAMPLE_MS);
  clearInterval(sampler);
  sample();
  const alive = bot.child.exitCode === null;
  await bot.stop(40_000);
  line.closeAllConnections();
  line.close();

  const quantiles = (list: number[]) => {
    list.sort((a, b) => a - b);
    const at = (q: number) => Math.round(list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? Number.NaN);
    return { count: list.length, p50: at(0.5), p99: at(0.99), max: Math.round(list.at(-1) ?? Number.NaN) };
  };
  const afterBack = accepted.filter((t) => t >= backAt);
  const peak = (key: 'fds' | 'rssMiB' | 'lineSockets') => Math.max(...samples.map((s) => s[key]));
  console.log(
    JSON.stringify(
      {
        command: `npm run bench:outage -- --rate ${rate} --seconds ${seconds}${after > 0 ? ` --after ${after}` : ''} --users ${users.length}`,
        events: total,
        webhookAnswers: Object.fromEntries(statuses),
        webhookLatencyMs: { duringOutage: quantiles(latencies), ...(after > 0 && { afterLineIsBack: quantiles(latenciesAfter) }) },
        replyCallsReceivedByLine: calls,
        ...(after > 0 && {
          recovery: {
            firstReplyAfterLineIsBackMs: afterBack.length > 0 ? Math.round((afterBack[0] ?? 0) - backAt) : null,
            repliesAcceptedAfterLineIsBack: afterBack.length,
            lastReplyAcceptedMsAfterLineIsBack: afterBack.length > 0 ? Math.round((afterBack.at(-1) ?? 0) - backAt) : null,
            // Events sent while LINE was down whose replies still went out (their deadline had not passed), and when
            // the last of them did.
            outageRepliesDelivered: acceptedFromOutage.length,
            lastOutageReplyMsAfterLineIsBack: acceptedFromOutage.length > 0 ? Math.round((acceptedFromOutage.at(-1) ?? 0) - backAt) : null,
          },
        }),
        lineSockets: { peak: lineSockets.peak, opened: lineSockets.opened, atEnd: lineSockets.open },
        botFds: { atStart: samples[0]?.fds, peak: peak('fds'), atEnd: samples.at(-1)?.fds },
        botRssMiB: { atStart: samples[0]?.rssMiB, peak: peak('rssMiB'), atEnd: samples.at(-1)?.rssMiB },
        botAliveAtEnd: alive,
        samplesEvery5s: samples.filter((_, i) => i % 10 === 0),
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
