/**
 * `npm run bench:stores`: the cost of sharing sessions on Redis, on loopback, bounded in time (~2 min; `--quick` a
 * few seconds per window). Our bot as shipped (`dist/src/main.js`, NODE_ENV=production, silent log) in three setups:
 *
 *   memory     one process, sessions and event ids in its memory (the default)
 *   redis      one process with REDIS_URL (a redis-server this script starts on a free port)
 *   redis-x2   two processes on that Redis, the load split evenly between them (as a load balancer would)
 *
 * measured in alternating windows (memory, redis, redis-x2, then the reverse, …) so a machine drifting over the run
 * favours no setup. Load: the bench's own signed workload (1,000 users walking the flow), 32 connections in all,
 * against a fake LINE API in this process that answers at once. Then the Redis footprint of an idle session:
 * `MEMORY USAGE` of every session key, and the growth of `used_memory` per session for 10,000 more of them.
 * Prints a Markdown table and writes bench/results/stores-<date>.json. Method notes: docs/benchmarks.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createClient } from 'redis';
import { loadContent } from '../src/adapters/content/load-content';
import { startRedisServer } from '../test/helpers/redis-server';
import { buildWorkload, type Workload } from './build-workload';
import { findFreePort, startNode, waitForHealthy, type NodeChild } from './child-processes';
import { readMachineInfo } from './machine-info';
import { readMachineBusyMs, readProcessCpuMs } from './read-proc';
import { startRecordingLineApi } from './recording-line-api';
import { median, summarize } from './summarize';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');
const SETUPS = ['memory', 'redis', 'redis-x2'] as const;
type SetupName = (typeof SETUPS)[number];
const CONNECTIONS = 32;
const USERS = 1_000;
const EXTRA_SESSIONS = 10_000;
const CHANNEL_SECRET = 'bench-stores-secret-0123456789abcdef';
const CHANNEL_ACCESS_TOKEN = 'bench-stores-token';

interface WindowFigures {
  readonly setup: SetupName;
  readonly round: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  /** CPU time per event: of the bot process(es), and of redis-server. Less disturbed by a busy machine than events/s. */
  readonly botMicrosPerEvent: number;
  readonly redisMicrosPerEvent: number;
  /** Load on the whole machine during the window, % of one core (200 = both cores of a 2-CPU machine busy). */
  readonly machineBusyPercent: number;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rounds = quick ? 1 : 4;
  const windowSeconds = quick ? 2 : 4;
  const warmupSeconds = quick ? 1 : 4;
  const machine = readMachineInfo();
  console.error(`bench:stores: ${machine.cpuModel}, ${machine.cores} CPUs, Node ${machine.node}, ${rounds} rounds of ${windowSeconds} s`);

  const { flow } = loadContent(ROOT);
  const events = Math.ceil(8_000 * (warmupSeconds * 3 + rounds * 3 * windowSeconds));
  const workload = buildWorkload({ flow, users: USERS, events, channelSecret: CHANNEL_SECRET, seed: 20_261_129 });
  // A fake LINE API per setup: each setup replays the same pool, so its reply tokens must be new to its fake.
  const fakes = await Promise.all(SETUPS.map(() => startRecordingLineApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN })));
  for (const fake of fakes) fake.reset({ events: workload.bodies.length, delayMs: 0 });
  const fakeOf = (setup: SetupName) => fakes[SETUPS.indexOf(setup)]?.baseUrl ?? '';
  const redis = await startRedisServer();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'https://bot.example.jp',
  };
  const children: NodeChild[] = [];
  const pids = new Map<string, number>();
  const start = async (extra: Record<string, string>): Promise<string> => {
    const port = await findFreePort();
    const child = startNode({ script: MAIN, nodeFlags: [], env: { ...env, ...extra, PORT: String(port), HOST: '127.0.0.1' }, cwd: ROOT });
    children.push(child);
    await waitForHealthy(port, { everyMs: 10, timeoutMs: 10_000, child: child.child });
    const url = `http://127.0.0.1:${port}/webhook`;
    pids.set(url, child.pid);
    return url;
  };
  try {
    // One pool, one cursor per setup: each setup replays the same events from its own start.
    const targets: Record<SetupName, string[]> = {
      memory: [await start({ LINE_API_BASE_URL: fakeOf('memory') })],
      redis: [await start({ LINE_API_BASE_URL: fakeOf('redis'), REDIS_URL: `${redis.url}/1` })],
      // One after the other: a port is only taken once its bot listens, so two at once could pick the same one.
      'redis-x2': [
        await start({ LINE_API_BASE_URL: fakeOf('redis-x2'), REDIS_URL: `${redis.url}/2` }),
        await start({ LINE_API_BASE_URL: fakeOf('redis-x2'), REDIS_URL: `${redis.url}/2` }),
      ],
    };
    const cursors: Record<SetupName, number> = { memory: 0, redis: 0, 'redis-x2': 0 };
    const fire = async (setup: SetupName, seconds: number) => {
      const urls = targets[setup];
      const latencies: number[] = [];
      const results = await Promise.all(
        urls.map((url) =>
          runAutocannon(workload, url, CONNECTIONS / urls.length, seconds, () => cursors[setup]++, (ms) => latencies.push(ms)),
        ),
      );
      return { results, latencies };
    };
    for (const setup of SETUPS) await fire(setup, warmupSeconds);

    const windows: WindowFigures[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      for (const setup of round % 2 === 1 ? SETUPS : [...SETUPS].reverse()) {
        const botCpu = () => targets[setup].reduce((sum, url) => sum + readProcessCpuMs(pids.get(url) ?? 0), 0);
        const redisCpu = () => (redis.pid ? readProcessCpuMs(redis.pid) : 0);
        const before = { bot: botCpu(), redis: redisCpu(), machine: readMachineBusyMs() };
        const started = performance.now();
        const { results, latencies } = await fire(setup, windowSeconds);
        const seconds = (performance.now() - started) / 1000;
        const ok = results.reduce((sum, r) => sum + r['2xx'], 0);
        const latency = summarize(latencies);
        const figures: WindowFigures = {
          setup,
          round,
          eventsPerSecond: ok / seconds,
          p50Ms: latency.p50,
          p99Ms: latency.p99,
          non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
          errors: results.reduce((sum, r) => sum + r.errors, 0),
          botMicrosPerEvent: ((botCpu() - before.bot) * 1000) / Math.max(1, ok),
          redisMicrosPerEvent: ((redisCpu() - before.redis) * 1000) / Math.max(1, ok),
          machineBusyPercent: ((readMachineBusyMs() - before.machine) / (seconds * 1000)) * 100,
        };
        windows.push(figures);
        console.error(
          `${setup.padEnd(9)} #${round}: ${figures.eventsPerSecond.toFixed(0)} events/s, p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, bot ${figures.botMicrosPerEvent.toFixed(0)} µs/event, redis ${figures.redisMicrosPerEvent.toFixed(0)} µs/event, machine ${figures.machineBusyPercent.toFixed(0)}%${figures.non2xx + figures.errors > 0 ? `, ${figures.non2xx} non-2xx, ${figures.errors} errors` : ''}`,
        );
      }
    }
    await Promise.all(children.map((child) => child.stop()));
    const footprint = await measureFootprint(redis.url);
    const summary = Object.fromEntries(
      SETUPS.map((setup) => {
        const of = windows.filter((w) => w.setup === setup);
        return [
          setup,
          {
            eventsPerSecond: median(of.map((w) => w.eventsPerSecond)),
            p99Ms: median(of.map((w) => w.p99Ms)),
            botMicrosPerEvent: median(of.map((w) => w.botMicrosPerEvent)),
            redisMicrosPerEvent: median(of.map((w) => w.redisMicrosPerEvent)),
          },
        ];
      }),
    ) as Record<SetupName, SetupSummary>;
    const results = { startedAt: new Date().toISOString(), command: `npm run bench:stores${quick ? ' -- --quick' : ''}`, machine, rounds, windowSeconds, windows, summary, footprint };
    const file = path.join(ROOT, 'bench/results', `stores-${results.startedAt.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(render(summary, footprint));
    console.error(`results: ${path.relative(ROOT, file)}`);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await Promise.all(fakes.map((fake) => fake.close()));
    await redis.close();
  }
}

/** `seconds` of load on one URL; `next` hands out pool positions shared by every instance of one setup. */
function runAutocannon(
  workload: Workload,
  url: string,
  connections: number,
  seconds: number,
  next: () => number,
  onLatency: (ms: number) => void,
): Promise<autocannon.Result> {
  const size = workload.bodies.length;
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const index = next() % size;
    request.method = 'POST';
    request.path = '/webhook';
    request.headers = { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': workload.signatures[index] ?? '' };
    request.body = workload.bodies[index];
    return request;
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, pipelining: 1, duration: seconds, timeout: 5, requests: [{ setupRequest }] }, (error: unknown, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
    instance.on('response', (_client, _status, _bytes, ms) => onLatency(ms));
  });
}

interface Footprint {
  readonly sessionKeys: number;
  /** `MEMORY USAGE key SAMPLES 0` over every session key: key, value and Redis's object headers, bytes. */
  readonly memoryUsageMean: number;
  readonly memoryUsageMax: number;
  /** Growth of `used_memory` per session when 10,000 more sessions like these are written with an expiry: all in. */
  readonly usedMemoryPerSession: number;
  readonly eventKeyMemoryUsageMean: number;
  readonly sessionValueBytesMean: number;
}

/** What an idle session costs in Redis, from the sessions the redis setup left behind (database 1). */
async function measureFootprint(url: string): Promise<Footprint> {
  const client = createClient({ url: `${url}/1` });
  await client.connect();
  try {
    const sessionKeys: string[] = [];
    const eventKeys: string[] = [];
    for await (const keys of client.scanIterator({ COUNT: 1000 })) {
      for (const key of keys) (key.startsWith('s:') ? sessionKeys : eventKeys).push(key);
    }
    const usage = async (keys: string[]) => Promise.all(keys.map(async (key) => (await client.memoryUsage(key, { SAMPLES: 0 })) ?? 0));
    const sessionUsage = await usage(sessionKeys);
    const eventUsage = await usage(eventKeys.slice(0, 2_000));
    const values = (await client.mGet(sessionKeys)).filter((v): v is string => typeof v === 'string');
    await client.select(3);
    await client.flushDb();
    const before = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
    for (let i = 0; i < EXTRA_SESSIONS; i += 1) {
      const key = `s:${i.toString(36).padStart(22, 'x')}`;
      await client.set(key, values[i % values.length] ?? '', { expiration: { type: 'PX', value: 30 * 60_000 } });
    }
    const after = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
    await client.flushDb();
    const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
    return {
      sessionKeys: sessionKeys.length,
      memoryUsageMean: mean(sessionUsage),
      memoryUsageMax: Math.max(0, ...sessionUsage),
      usedMemoryPerSession: (after - before) / EXTRA_SESSIONS,
      eventKeyMemoryUsageMean: mean(eventUsage),
      sessionValueBytesMean: mean(values.map((v) => Buffer.byteLength(v))),
    };
  } finally {
    await client.close();
  }
}

interface SetupSummary {
  readonly eventsPerSecond: number;
  readonly p99Ms: number;
  readonly botMicrosPerEvent: number;
  readonly redisMicrosPerEvent: number;
}

function render(summary: Record<SetupName, SetupSummary>, footprint: Footprint): string {
  const base = summary.memory;
  const row = (setup: SetupName) => {
    const s = summary[setup];
    return `| ${setup} | ${s.eventsPerSecond.toFixed(0)} | ${(s.eventsPerSecond / base.eventsPerSecond).toFixed(2)}× | ${s.p99Ms.toFixed(1)} | ${s.botMicrosPerEvent.toFixed(0)} | ${s.redisMicrosPerEvent.toFixed(0)} |`;
  };
  return [
    '| setup | events/s | vs memory | p99 webhook latency, ms | bot CPU, µs/event | redis-server CPU, µs/event |',
    '|---|---:|---:|---:|---:|---:|',
    ...SETUPS.map(row),
    '',
    `Idle session in Redis (${footprint.sessionKeys} sessions): MEMORY USAGE mean ${footprint.memoryUsageMean.toFixed(0)} B, max ${footprint.memoryUsageMax} B; ` +
      `used_memory growth ${footprint.usedMemoryPerSession.toFixed(0)} B per session (expiry included); value ${footprint.sessionValueBytesMean.toFixed(0)} B on average. ` +
      `A handled event id: ${footprint.eventKeyMemoryUsageMean.toFixed(0)} B.`,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
