/**
 * The load process: the load generator (autocannon) and one fake LINE API per bot, in one Node process apart from
 * the bots. One process so a request's send time and its reply's arrival are read from one clock; apart from the bots
 * so their CPU is their own. Driven over IPC by run-bench.ts (see load-protocol.ts); not meant to be run by hand.
 *
 * Environment: BENCH_CHANNEL_SECRET, BENCH_CHANNEL_ACCESS_TOKEN (the same the bots get), BENCH_ROOT (repo root).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { loadContent } from '../src/adapters/content/load-content';
import { buildWorkload, EVENT_KINDS, type EventKind, type Workload } from './build-workload';
import type { FromLoad, Target, ToLoad, WindowResult } from './load-protocol';
import { readMachineBusyMs, readProcessCpuMs, readProcessMemory } from './read-proc';
import { startRecordingLineApi, type RecordingLineApi, type ReplyLog } from './recording-line-api';
import { summarize } from './summarize';

/** Phase of each sent event: 0 not sent, 1 warm-up, 2… measured windows. */
const WARMUP = 1;
const FIRST_WINDOW = 2;
/** How long to wait for the replies still under way when a phase ends. */
const DRAIN_MS = 3_000;

/** One bot under test: its fake LINE API and where it is in the pool. The pool is replayed from its start per bot. */
interface BotState {
  readonly fake: RecordingLineApi;
  readonly log: ReplyLog;
  readonly sentAt: Float64Array;
  readonly phaseOf: Uint8Array;
  readonly seenUser: Uint8Array;
  usersSoFar: number;
  cursor: number;
  phase: number;
  poolExhausted: boolean;
  target: Target | undefined;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`load.ts: ${name} is not set (run it through run-bench.ts)`);
  return value;
}

function send(message: FromLoad): void {
  if (!process.send) throw new Error('load.ts must be started with an IPC channel (by run-bench.ts)');
  process.send(message);
}

async function main(): Promise<void> {
  const channelSecret = requireEnv('BENCH_CHANNEL_SECRET');
  const channelAccessToken = requireEnv('BENCH_CHANNEL_ACCESS_TOKEN');
  const { flow } = loadContent(requireEnv('BENCH_ROOT'));
  let workload: Workload | undefined;
  const bots = new Map<string, BotState>();
  const botOf = (name: string): BotState => {
    const bot = bots.get(name);
    if (!bot) throw new Error(`no bot ${name} is open`);
    return bot;
  };
  const pool = (): Workload => {
    if (!workload) throw new Error('prepare a pool first');
    return workload;
  };

  const handle = async (message: ToLoad): Promise<FromLoad> => {
    switch (message.type) {
      case 'prepare': {
        if (bots.size > 0) throw new Error('close the bots before preparing another pool');
        const started = performance.now();
        workload = undefined; // let the previous pool go before building the next
        workload = buildWorkload({ flow, channelSecret, users: message.users, events: message.events, seed: message.seed });
        return { type: 'prepared', users: message.users, events: message.events, ms: performance.now() - started };
      }
      case 'open': {
        const size = pool().bodies.length;
        const fake = await startRecordingLineApi({ channelAccessToken });
        bots.set(message.bot, {
          fake,
          log: fake.reset({ events: size, delayMs: message.fakeDelayMs }),
          sentAt: new Float64Array(size),
          phaseOf: new Uint8Array(size),
          seenUser: new Uint8Array(pool().users),
          usersSoFar: 0,
          cursor: 0,
          phase: WARMUP,
          poolExhausted: false,
          target: undefined,
        });
        return { type: 'opened', fakeBaseUrl: fake.baseUrl };
      }
      case 'warm-up': {
        const bot = botOf(message.bot);
        bot.target = message.target;
        bot.phase = WARMUP;
        const from = bot.cursor;
        await fire(pool(), bot, message.seconds);
        await waitForReplies(bot.log.arrivedAt, from, Math.min(bot.cursor, bot.sentAt.length), DRAIN_MS);
        return { type: 'warmed-up', events: bot.cursor - from };
      }
      case 'measure':
        return { type: 'measured', result: await measure(pool(), botOf(message.bot), message.seconds) };
      case 'close': {
        await botOf(message.bot).fake.close();
        bots.delete(message.bot);
        return { type: 'closed' };
      }
      case 'exit':
        await Promise.all([...bots.values()].map((bot) => bot.fake.close()));
        process.disconnect();
        return { type: 'closed' };
    }
  };

  // One message at a time, in order: the orchestrator waits for each answer anyway.
  let queue = Promise.resolve();
  process.on('message', (message: ToLoad) => {
    queue = queue
      .then(() => handle(message))
      .then(
        (answer) => {
          if (message.type !== 'exit') send(answer);
        },
        (error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  send({ type: 'ready' });
}

/** Sends the bot's next events from the pool at its concurrency for `seconds`; resolves with autocannon's result. */
function fire(workload: Workload, bot: BotState, seconds: number, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  const target = bot.target;
  if (!target) throw new Error('warm the bot up first');
  const size = workload.bodies.length;
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    if (bot.cursor >= size) bot.poolExhausted = true;
    const index = bot.cursor++ % size;
    bot.sentAt[index] = performance.now();
    bot.phaseOf[index] = bot.phase;
    const user = workload.userIndexes[index]!;
    if (bot.seenUser[user] === 0) {
      bot.seenUser[user] = 1;
      bot.usersSoFar += 1;
    }
    request.method = 'POST';
    request.path = '/webhook';
    request.headers = { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': workload.signatures[index] };
    request.body = workload.bodies[index];
    return request;
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: target.connections,
        pipelining: 1,
        duration: seconds,
        timeout: target.timeoutSeconds,
        requests: [{ setupRequest }],
      },
      (error: unknown, result) => (error ? reject(error) : resolve(result)),
    );
    if (onLatency) instance.on('response', (_client, _status, _bytes, ms) => onLatency(ms));
  });
}

/** One measured window: events sent in it, their replies (waited for after it), and the CPU used during it. */
async function measure(workload: Workload, bot: BotState, seconds: number): Promise<WindowResult> {
  const target = bot.target;
  if (!target) throw new Error('warm the bot up first');
  bot.phase = Math.min(255, bot.phase < FIRST_WINDOW ? FIRST_WINDOW : bot.phase + 1);
  const phase = bot.phase;
  const first = bot.cursor;
  const logBefore = { duplicates: bot.log.duplicates, rejected: bot.log.rejected, profileReads: bot.log.profileReads };
  const webhookLatencies: number[] = [];
  const cpuBefore = { bot: readProcessCpuMs(target.pid), driver: process.cpuUsage(), machine: readMachineBusyMs() };
  const windowStart = performance.now();
  const result = await fire(workload, bot, seconds, (ms) => webhookLatencies.push(ms));
  const windowEnd = performance.now();
  const windowMs = windowEnd - windowStart;
  const driverCpu = process.cpuUsage(cpuBefore.driver);
  const botCpuMs = readProcessCpuMs(target.pid) - cpuBefore.bot;
  const machineCpuMs = readMachineBusyMs() - cpuBefore.machine;
  const driverCpuMs = (driverCpu.user + driverCpu.system) / 1000;
  const botMemory = readProcessMemory(target.pid);
  const last = Math.min(bot.cursor, bot.sentAt.length);
  await waitForReplies(bot.log.arrivedAt, first, last, DRAIN_MS);

  const latencies: number[] = [];
  const mix = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as Record<EventKind, number>;
  const users = new Set<number>();
  let inWindow = 0;
  let missing = 0;
  let bytes = 0;
  for (let i = first; i < last; i++) {
    if (bot.phaseOf[i] !== phase) continue;
    mix[EVENT_KINDS[workload.kinds[i]!]!] += 1;
    users.add(workload.userIndexes[i]!);
    const arrived = bot.log.arrivedAt[i]!;
    if (arrived === 0) {
      missing += 1;
      continue;
    }
    latencies.push(arrived - bot.sentAt[i]!);
    bytes += bot.log.bytes[i]!;
    if (arrived <= windowEnd) inWindow += 1;
  }
  return {
    windowMs,
    sent: last - first,
    distinctUsers: users.size,
    mix,
    webhook: {
      completed: result.requests.total,
      status2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      per2xxSecond: (result['2xx'] * 1000) / windowMs,
      latencyMs: summarize(webhookLatencies),
    },
    replies: {
      inWindow,
      perSecond: (inWindow * 1000) / windowMs,
      missing,
      duplicates: bot.log.duplicates - logBefore.duplicates,
      rejected: bot.log.rejected - logBefore.rejected,
      profileReads: bot.log.profileReads - logBefore.profileReads,
      meanBytes: latencies.length > 0 ? bytes / latencies.length : 0,
      latencyMs: summarize(latencies),
    },
    cpu: {
      botPercent: (botCpuMs / windowMs) * 100,
      driverPercent: (driverCpuMs / windowMs) * 100,
      otherPercent: (Math.max(0, machineCpuMs - botCpuMs - driverCpuMs) / windowMs) * 100,
      botMicrosPerEvent: inWindow > 0 ? (botCpuMs * 1000) / inWindow : 0,
    },
    botMemory,
    usersSoFar: bot.usersSoFar,
    poolExhausted: bot.poolExhausted,
  };
}

/** Resolves when every event in [from, to) has its reply, or after `limitMs`. */
async function waitForReplies(arrivedAt: Float64Array, from: number, to: number, limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  let next = from;
  while (performance.now() < deadline) {
    while (next < to && arrivedAt[next] !== 0) next++;
    if (next >= to) return;
    await sleep(10);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
