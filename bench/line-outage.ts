/**
 * A LINE API outage under load, measured from outside: the built bot (dist/src/main.js, default limits) against a
 * loopback LINE API that reads each reply call and never answers. Signed webhooks arrive at `--rate` a second for
 * `--seconds`; every 500 ms it samples the bot's open file descriptors and resident memory and the sockets open to
 * the fake LINE API. Prints one JSON report. Loopback only.
 *
 *   npm run bench:outage -- --rate 150 --seconds 30
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
    options: { rate: { type: 'string', default: '150' }, seconds: { type: 'string', default: '30' } },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const root = path.resolve(__dirname, '../..');

  // The hanging LINE API: counts the sockets the bot opens to it, answers nothing.
  const lineSockets = { open: 0, peak: 0, opened: 0 };
  let calls = 0;
  const line = http.createServer((req) => {
    calls += 1;
    req.resume();
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
  await waitForHealthy(port, { everyMs: 50, timeoutMs: 10_000, child: bot.child });

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
  const inFlight = new Set<Promise<void>>();
  const post = async (i: number) => {
    const userId = `U${randomBytes(16).toString('hex')}`;
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
          replyToken: randomBytes(16).toString('hex'),
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
      latencies.push(performance.now() - sent);
    } catch (error) {
      outcome = `error ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`;
    }
    statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
  };
  const total = rate * seconds;
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
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

  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN);
  const peak = (key: 'fds' | 'rssMiB' | 'lineSockets') => Math.max(...samples.map((s) => s[key]));
  console.log(
    JSON.stringify(
      {
        command: `npm run bench:outage -- --rate ${rate} --seconds ${seconds}`,
        events: total,
        webhookAnswers: Object.fromEntries(statuses),
        webhookLatencyMs: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? Number.NaN) },
        replyCallsReceivedByLine: calls,
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
