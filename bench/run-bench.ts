/**
 * `npm run bench`: our bot against the bare SDK echo bot, on loopback, bounded in time, ending by itself.
 * Method and how to read the figures: docs/benchmarks.md. Options (after `npm run bench --`):
 *
 *   --quick            a smoke run of a few seconds per setting; written to bench/results/ only, not quoted in the docs
 *   --rounds=N         measured windows per bot and setting (default 6), alternating ours, baseline, baseline, ours, …
 *   --window=S         seconds per measured window (default 3)
 *   --warmup=S         warm-up seconds per bot before its first window (default 8)
 *   --no-pin           do not pin the bots and the load process to separate CPUs
 *   --only=ID[,ID]     run only these settings (ids as in the table), skipping start-up and memory, e.g. to profile
 *   --node-flags="…"   extra flags for both bots, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 *   --baseline=floor   run the frameworkless floor bot (bench/floor-bot.ts) in the baseline's place instead of the SDK
 *                      echo bot: how far our bot is from the least a webhook can cost; implies a partial run
 *   --baseline-reply-bytes=N   control experiment: pad the baseline's replies by N bytes (ours average ~2,300), to
 *                      tell the cost of our logic from the cost of our bigger replies; implies a partial run
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type {
  BenchResults,
  BotName,
  BotSummary,
  LogicCostResult,
  MemoryResult,
  Setting,
  SettingResult,
  StartupResult,
  TargetResult,
  WindowRecord,
} from './bench-results';
import { BOT_NAMES } from './bench-results';
import { findFreePort, startNode, waitForHealthy, type NodeChild } from './child-processes';
import type { FromLoad, ToLoad, WindowResult } from './load-protocol';
import { readMachineInfo } from './machine-info';
import { readMachineBusyMs } from './read-proc';
import { renderResults, writeResultsIntoDocs } from './render-report';
import { median } from './summarize';

const ROOT = path.resolve(__dirname, '../..');
/** The baseline is the echo bot, or the floor bot with --baseline=floor (set once, in main). */
const SCRIPTS: Record<BotName, string> = {
  ours: path.join(ROOT, 'dist/src/main.js'),
  baseline: path.join(ROOT, 'dist/bench/echo-bot.js'),
};
const FLOOR_SCRIPT = path.join(ROOT, 'dist/bench/floor-bot.js');
const LOAD_SCRIPT = path.join(ROOT, 'dist/bench/load.js');
const SESSION_MEMORY_SCRIPT = path.join(ROOT, 'dist/bench/session-memory.js');
const LOGIC_COST_SCRIPT = path.join(ROOT, 'dist/bench/logic-cost.js');
const LOGIC_COST_REPEATS = 3;
/**
 * A bound on the events/s either bot could sustain on one core, to size the pre-built pool (each bot replays it from
 * the start). A window that runs past the pool is flagged and the figure is not valid.
 */
const MAX_EXPECTED_EVENTS_PER_SECOND = 8_000;
const STARTUP_SAMPLES = 5;
const BOT_CPU = 0;
const LOAD_CPU = 1;
/** Before each window, wait while something else keeps the machine busier than this (% of one core)… */
const QUIET_BUSY_PERCENT = 15;
/** …but never longer than this: the bench must end by itself. */
const QUIET_WAIT_LIMIT_MS = 5_000;
const QUIET_SAMPLE_MS = 250;

interface Options {
  readonly quick: boolean;
  readonly rounds: number;
  readonly windowSeconds: number;
  readonly warmupSeconds: number;
  readonly pin: boolean;
  readonly only: readonly string[] | undefined;
  /** Both bots get exactly these flags. Empty by default: what a deployment gets. */
  readonly nodeFlags: readonly string[];
  /** Padding added to each baseline reply (control experiment), bytes. */
  readonly baselineReplyBytes: number;
  /** The floor bot in the baseline's place. */
  readonly floor: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const text = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const number = (name: string, fallback: number) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const unknown = argv.filter((arg) => !/^--(quick$|no-pin$|rounds=|window=|warmup=|only=|node-flags=|baseline-reply-bytes=|baseline=floor$)/.test(arg));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (see the top of bench/run-bench.ts)`);
  const quick = argv.includes('--quick');
  return {
    quick,
    rounds: Math.round(number('rounds', quick ? 2 : 6)),
    windowSeconds: number('window', quick ? 1 : 3),
    warmupSeconds: number('warmup', quick ? 1 : 8),
    pin: !argv.includes('--no-pin'),
    only: text('only')?.split(','),
    nodeFlags: text('node-flags')?.split(' ').filter(Boolean) ?? [],
    baselineReplyBytes: Math.round(number('baseline-reply-bytes', 0)),
    floor: argv.includes('--baseline=floor'),
  };
}

function settingsFor(options: Options): Setting[] {
  const w = options.windowSeconds;
  const all: Setting[] = [
    { id: 'instant-1k-c32', label: 'instant LINE API, 1,000 users, 32 concurrent', users: 1_000, connections: 32, fakeDelayMs: 0, windowSeconds: w },
    { id: 'delay50-1k-c32', label: 'LINE API +50 ms, 1,000 users, 32 concurrent', users: 1_000, connections: 32, fakeDelayMs: 50, windowSeconds: w },
    { id: 'instant-1k-c1', label: 'instant LINE API, 1,000 users, 1 at a time', users: 1_000, connections: 1, fakeDelayMs: 0, windowSeconds: w },
    { id: 'instant-100k-c32', label: 'instant LINE API, 100,000 users, 32 concurrent', users: 100_000, connections: 32, fakeDelayMs: 0, windowSeconds: w },
    { id: 'delay50-100k-c32', label: 'LINE API +50 ms, 100,000 users, 32 concurrent', users: 100_000, connections: 32, fakeDelayMs: 50, windowSeconds: w },
  ];
  const only = options.only;
  if (!only) return all;
  const unknown = only.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`--only: no setting ${unknown.join(', ')} (settings: ${all.map((s) => s.id).join(', ')})`);
  return all.filter((s) => only.includes(s.id));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseOptions(args);
  const partial = options.quick || options.only !== undefined || options.baselineReplyBytes > 0 || options.floor;
  if (options.floor) SCRIPTS.baseline = FLOOR_SCRIPT;
  const started = new Date();
  const clockStart = performance.now();
  const machine = readMachineInfo();
  const pinned = options.pin && machine.cores >= 2 && (await hasTaskset());
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = randomBytes(32).toString('base64url');
  const baseEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    LINE_CHANNEL_SECRET: channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
    LOG_LEVEL: 'silent',
    SESSION_MAX_COUNT: '200000',
    SESSION_TTL_MINUTES: '30',
    PUBLIC_BASE_URL: 'https://bot.example.jp',
  };
  log(`bench: ${machine.cpuModel}, ${machine.cores} CPUs, Node ${machine.node}, ${pinned ? 'bots on CPU 0, load on CPU 1' : 'not pinned'}`);

  const startup: Partial<Record<BotName, StartupResult>> = {};
  for (const bot of options.only ? [] : BOT_NAMES) {
    const measured = await measureStartup(bot, { ...baseEnv, LINE_API_BASE_URL: 'http://127.0.0.1:9' }, options.nodeFlags);
    startup[bot] = measured;
    log(`start-up ${bot}: ${measured.samplesMs.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${measured.medianMs.toFixed(0)})`);
  }

  const memory: MemoryResult[] = [];
  for (const sessions of options.only ? [] : options.quick ? [2_000, 10_000] : [10_000, 100_000]) {
    const result = await measureSessionMemory(sessions);
    memory.push(result);
    log(
      `memory ${sessions} sessions: ${result.heapUsedBytesPerSession.toFixed(0)} B heap, ${result.rssBytesPerSession.toFixed(0)} B RSS per session (driven in ${(result.driveMs / 1000).toFixed(1)} s)`,
    );
  }

  const logicCost: LogicCostResult[] = [];
  for (const [users, events] of options.only ? [] : options.quick ? [[1_000, 15_000]] : [[1_000, 60_000], [100_000, 120_000]]) {
    const result = await measureLogicCost(users!, events!, pinned ? BOT_CPU : undefined);
    logicCost.push(result);
    log(`our logic alone, ${users} users: ${result.samplesMicrosPerEvent.map((us) => us.toFixed(0)).join(', ')} µs/event (median ${result.microsPerEvent.toFixed(0)})`);
  }

  const load = await startLoadProcess({ channelSecret, channelAccessToken, cpu: pinned ? LOAD_CPU : undefined });
  const settings = settingsFor(options);
  const settingResults: SettingResult[] = [];
  const poolEvents: Record<string, number> = {};
  try {
    for (const users of [...new Set(settings.map((s) => s.users))]) {
      const longest = Math.max(...settings.filter((s) => s.users === users).map((s) => s.windowSeconds));
      const seconds = options.warmupSeconds + options.rounds * longest;
      const events = Math.max(users, Math.ceil(MAX_EXPECTED_EVENTS_PER_SECOND * seconds));
      const prepared = await load.request({ type: 'prepare', users, events, seed: 20_261_128 }, 'prepared');
      poolEvents[String(users)] = events;
      log(`pool: ${events} signed events from ${users} users built in ${prepared.ms.toFixed(0)} ms`);
      for (const setting of settings.filter((s) => s.users === users)) {
        const windows = await runSession(setting, {
          load,
          env: baseEnv,
          cpu: pinned ? BOT_CPU : undefined,
          nodeFlags: options.nodeFlags,
          warmupSeconds: options.warmupSeconds,
          rounds: options.rounds,
          baselineReplyBytes: options.baselineReplyBytes,
        });
        settingResults.push({ setting, windows, summary: summarizeSetting(windows) });
      }
    }
  } finally {
    await load.close();
  }

  const results: BenchResults = {
    schemaVersion: 1,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    totalSeconds: (performance.now() - clockStart) / 1000,
    command:
      process.env.npm_lifecycle_event === 'bench'
        ? `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`
        : `node dist/bench/run-bench.js ${args.join(' ')}`.trim(),
    partial,
    machine,
    method: {
      rounds: options.rounds,
      warmupSeconds: options.warmupSeconds,
      pinned,
      nodeFlags: options.nodeFlags,
      baselineReplyBytes: options.baselineReplyBytes,
      botEnv: Object.fromEntries(
        Object.entries({ ...baseEnv, PATH: '<inherited>', LINE_API_BASE_URL: 'http://127.0.0.1:<fake>', PORT: '<free port>' }).map(
          ([key, value]) => [key, /SECRET|TOKEN/.test(key) ? `<${value.length} random characters>` : value],
        ),
      ),
      poolEvents,
    },
    startup,
    memory,
    logicCost,
    settings: settingResults,
    targets: [],
  };
  const withTargets: BenchResults = { ...results, targets: evaluateTargets(results) };
  const written = writeResults(withTargets);
  console.log(renderResults(withTargets));
  log(`results: ${written.join(', ')} (${(withTargets.totalSeconds / 60).toFixed(1)} min)`);
}

/** Spawn → first 200 from /healthz, polled every 2 ms, STARTUP_SAMPLES times. Not pinned: start-up is one thread. */
async function measureStartup(bot: BotName, env: Record<string, string>, nodeFlags: readonly string[]): Promise<StartupResult> {
  const samplesMs: number[] = [];
  for (let i = 0; i < STARTUP_SAMPLES; i++) {
    const port = await findFreePort();
    const spawnedAt = performance.now();
    const child = startNode({ script: SCRIPTS[bot], nodeFlags, env: { ...env, PORT: String(port) }, cwd: ROOT });
    try {
      const healthyAt = await waitForHealthy(port, { everyMs: 2, timeoutMs: 10_000, child: child.child });
      samplesMs.push(healthyAt - spawnedAt);
    } finally {
      await child.stop();
    }
  }
  return { samplesMs, medianMs: median(samplesMs) };
}

async function measureSessionMemory(sessions: number): Promise<MemoryResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', SESSION_MEMORY_SCRIPT, String(sessions)], {
    cwd: ROOT,
    maxBuffer: 1 << 20,
  });
  const parsed = JSON.parse(stdout) as {
    heapUsedBytesPerSession: number;
    rssBytesPerSession: number;
    driveMs: number;
    after: { heapUsed: number; rss: number };
  };
  return {
    sessions,
    heapUsedBytesPerSession: parsed.heapUsedBytesPerSession,
    rssBytesPerSession: parsed.rssBytesPerSession,
    heapUsedBytesAfter: parsed.after.heapUsed,
    rssBytesAfter: parsed.after.rss,
    driveMs: parsed.driveMs,
  };
}

/** Our logic alone, in-process (bench/logic-cost.ts), on the bots' CPU, LOGIC_COST_REPEATS fresh processes. */
async function measureLogicCost(users: number, events: number, cpu: number | undefined): Promise<LogicCostResult> {
  const samples: { microsPerEvent: number; meanReplyChars: number; events: number }[] = [];
  for (let i = 0; i < LOGIC_COST_REPEATS; i++) {
    const args = [LOGIC_COST_SCRIPT, String(users), String(events)];
    const [command, commandArgs] = cpu === undefined ? [process.execPath, args] : ['taskset', ['-c', String(cpu), process.execPath, ...args]];
    const { stdout } = await promisify(execFile)(command, commandArgs, { cwd: ROOT, maxBuffer: 1 << 20 });
    samples.push(JSON.parse(stdout) as { microsPerEvent: number; meanReplyChars: number; events: number });
  }
  return {
    users,
    events: samples[0]?.events ?? 0,
    microsPerEvent: median(samples.map((s) => s.microsPerEvent)),
    samplesMicrosPerEvent: samples.map((s) => s.microsPerEvent),
    meanReplyChars: median(samples.map((s) => s.meanReplyChars)),
  };
}

interface LoadProcess {
  request<T extends FromLoad['type']>(message: ToLoad, expect: T): Promise<Extract<FromLoad, { type: T }>>;
  close(): Promise<void>;
}

async function startLoadProcess(options: { channelSecret: string; channelAccessToken: string; cpu: number | undefined }): Promise<LoadProcess> {
  const node = startNode({
    script: LOAD_SCRIPT,
    nodeFlags: [],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      BENCH_CHANNEL_SECRET: options.channelSecret,
      BENCH_CHANNEL_ACCESS_TOKEN: options.channelAccessToken,
      BENCH_ROOT: ROOT,
    },
    cwd: ROOT,
    cpu: options.cpu,
    ipc: true,
  });
  const { child } = node;
  const next = <T extends FromLoad['type']>(expect: T): Promise<Extract<FromLoad, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load process exited (${code}) while waiting for ${expect}`));
      child.once('exit', onExit);
      child.once('message', (message: FromLoad) => {
        child.off('exit', onExit);
        if (message.type === expect) resolve(message as Extract<FromLoad, { type: T }>);
        else reject(new Error(message.type === 'failed' ? `load process: ${message.message}` : `expected ${expect}, got ${message.type}`));
      });
    });
  await next('ready');
  return {
    request(message, expect) {
      const answer = next(expect);
      child.send(message);
      return answer;
    },
    async close() {
      if (child.connected) child.send({ type: 'exit' } satisfies ToLoad);
      await node.stop(2_000);
    },
  };
}

/**
 * One setting: both bots started side by side (same env, flags and CPU; only one is sent load at a time), each warmed
 * up, then measured in short alternating windows on the same two processes: ours, baseline, then baseline, ours, and
 * so on (ABBA), so a machine that drifts faster or slower over the session favours neither bot. This cancels the
 * drift of a shared or virtual machine far better than one long run of each.
 */
async function runSession(
  setting: Setting,
  options: {
    load: LoadProcess;
    env: Record<string, string>;
    cpu: number | undefined;
    nodeFlags: readonly string[];
    warmupSeconds: number;
    rounds: number;
    baselineReplyBytes: number;
  },
): Promise<WindowRecord[]> {
  const { load } = options;
  const children: NodeChild[] = [];
  const windows: WindowRecord[] = [];
  try {
    for (const bot of BOT_NAMES) {
      const { fakeBaseUrl } = await load.request({ type: 'open', bot, fakeDelayMs: setting.fakeDelayMs }, 'opened');
      const port = await findFreePort();
      const child = startNode({
        script: SCRIPTS[bot],
        nodeFlags: options.nodeFlags,
        env: {
          ...options.env,
          LINE_API_BASE_URL: fakeBaseUrl,
          PORT: String(port),
          ...(bot === 'baseline' && options.baselineReplyBytes > 0 && { ECHO_REPLY_PAD_BYTES: String(options.baselineReplyBytes), FLOOR_REPLY_BYTES: String(options.baselineReplyBytes) }),
        },
        cwd: ROOT,
        cpu: options.cpu,
      });
      children.push(child);
      // Generous: start-up renders every reply once (render-time check), and the machine may be shared.
      await waitForHealthy(port, { everyMs: 10, timeoutMs: 60_000, child: child.child });
      const target = { url: `http://127.0.0.1:${port}/webhook`, pid: child.pid, connections: setting.connections, timeoutSeconds: 5 };
      await load.request({ type: 'warm-up', bot, target, seconds: options.warmupSeconds }, 'warmed-up');
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const bot of round % 2 === 1 ? BOT_NAMES : [...BOT_NAMES].reverse()) {
        const before = await waitForQuiet();
        const { result } = await load.request({ type: 'measure', bot, seconds: setting.windowSeconds }, 'measured');
        windows.push({ bot, round, before, result });
        const waited = before.waitedMs > 0 ? ` (waited ${(before.waitedMs / 1000).toFixed(1)} s for a quiet machine)` : '';
        log(`${setting.id} ${bot.padEnd(8)} #${round}: ${describeWindow(result)}${waited}`);
      }
    }
    for (const bot of BOT_NAMES) await load.request({ type: 'close', bot }, 'closed');
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
  return windows;
}

function summarizeSetting(windows: readonly WindowRecord[]): SettingResult['summary'] {
  const of = (bot: BotName) => windows.filter((w) => w.bot === bot).map((w) => w.result);
  const ours = summarizeBot(of('ours'));
  const baseline = summarizeBot(of('baseline'));
  // Windows of one round are neighbours in time; their ratio is the least disturbed by drift.
  const paired = of('ours').flatMap((result, i) => {
    const other = of('baseline')[i];
    return other && other.replies.perSecond > 0 ? [result.replies.perSecond / other.replies.perSecond] : [];
  });
  return {
    ours,
    baseline,
    throughputRatio: ours.repliesPerSecond / baseline.repliesPerSecond,
    pairedThroughputRatio: median(paired),
    p99AddedMs: ours.replyLatencyMs.p99 - baseline.replyLatencyMs.p99,
    p50AddedMs: ours.replyLatencyMs.p50 - baseline.replyLatencyMs.p50,
    cpuMicrosAddedPerEvent: ours.botMicrosPerEvent - baseline.botMicrosPerEvent,
  };
}

function summarizeBot(results: readonly WindowResult[]): BotSummary {
  const med = (pick: (r: WindowResult) => number) => median(results.map(pick));
  const sum = (pick: (r: WindowResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const last = results.at(-1);
  return {
    repliesPerSecond: med((r) => r.replies.perSecond),
    webhook2xxPerSecond: med((r) => r.webhook.per2xxSecond),
    replyLatencyMs: { p50: med((r) => r.replies.latencyMs.p50), p99: med((r) => r.replies.latencyMs.p99), max: med((r) => r.replies.latencyMs.max) },
    webhookLatencyMs: { p50: med((r) => r.webhook.latencyMs.p50), p99: med((r) => r.webhook.latencyMs.p99), max: med((r) => r.webhook.latencyMs.max) },
    failures: {
      errors: sum((r) => r.webhook.errors),
      timeouts: sum((r) => r.webhook.timeouts),
      non2xx: sum((r) => r.webhook.non2xx),
      missingReplies: sum((r) => r.replies.missing),
      duplicateReplies: sum((r) => r.replies.duplicates),
      rejectedReplies: sum((r) => r.replies.rejected),
    },
    botCpuPercent: med((r) => r.cpu.botPercent),
    botMicrosPerEvent: med((r) => r.cpu.botMicrosPerEvent),
    driverCpuPercent: med((r) => r.cpu.driverPercent),
    otherCpuPercent: med((r) => r.cpu.otherPercent),
    botPeakRssBytes: last?.botMemory.peakRssBytes ?? 0,
    meanReplyBytes: med((r) => r.replies.meanBytes),
    usersSeen: last?.usersSoFar ?? 0,
    poolExhausted: results.some((r) => r.poolExhausted),
  };
}

/** The issue's targets, measured and reported (never asserted). */
function evaluateTargets(results: BenchResults): TargetResult[] {
  const setting = (id: string) => results.settings.find((s) => s.setting.id === id);
  const targets: TargetResult[] = [];
  for (const id of ['instant-1k-c32', 'instant-100k-c32']) {
    const s = setting(id);
    if (!s) continue;
    targets.push({
      name: `events/s, ${s.setting.label}`,
      target: 'ours ≥ 0.9 × baseline',
      measured: `${s.summary.throughputRatio.toFixed(2)} × (${s.summary.ours.repliesPerSecond.toFixed(0)} vs ${s.summary.baseline.repliesPerSecond.toFixed(0)}/s; paired ${s.summary.pairedThroughputRatio.toFixed(2)})`,
      met: s.summary.throughputRatio >= 0.9,
    });
  }
  for (const id of ['instant-1k-c1', 'instant-1k-c32', 'instant-100k-c32']) {
    const s = setting(id);
    if (!s) continue;
    targets.push({
      name: `p99 added by our logic, ${s.setting.label}`,
      target: '< 2 ms',
      measured: `${signed(s.summary.p99AddedMs)} (${s.summary.ours.replyLatencyMs.p99.toFixed(2)} vs ${s.summary.baseline.replyLatencyMs.p99.toFixed(2)} ms)`,
      met: s.summary.p99AddedMs < 2,
    });
  }
  for (const m of results.memory) {
    targets.push({
      name: `memory per idle session, ${m.sessions.toLocaleString('en')} sessions`,
      target: '< 1 KB (heap used)',
      measured: `${m.heapUsedBytesPerSession.toFixed(0)} B heap (${m.rssBytesPerSession.toFixed(0)} B RSS)`,
      met: m.heapUsedBytesPerSession < 1024,
    });
  }
  const startup = results.startup.ours;
  if (startup) {
    targets.push({
      name: 'start-up to first 200 on /healthz',
      target: `< 1 s (median of ${startup.samplesMs.length})`,
      measured: `${startup.medianMs.toFixed(0)} ms`,
      met: startup.medianMs < 1000,
    });
  }
  return targets;
}

function signed(ms: number): string {
  return `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(2)} ms`;
}

function writeResults(results: BenchResults): string[] {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const files = [path.join(dir, `${stamp}${results.partial ? '-partial' : ''}.json`)];
  if (!results.partial) files.push(path.join(dir, 'latest.json'));
  for (const file of files) writeFileSync(file, json);
  if (!results.partial) files.push(writeResultsIntoDocs(path.join(ROOT, 'docs/benchmarks.md'), results));
  return files.map((file) => path.relative(ROOT, file));
}

function describeWindow(r: WindowResult): string {
  const failures = r.webhook.errors + r.webhook.non2xx + r.replies.missing + r.replies.duplicates + r.replies.rejected;
  return [
    `${r.replies.perSecond.toFixed(0).padStart(5)} ev/s`,
    `p50 ${r.replies.latencyMs.p50.toFixed(2)} p99 ${r.replies.latencyMs.p99.toFixed(2)} max ${r.replies.latencyMs.max.toFixed(1)} ms`,
    `bot ${r.cpu.botPercent.toFixed(0)}% ${r.cpu.botMicrosPerEvent.toFixed(0)} µs/ev, load ${r.cpu.driverPercent.toFixed(0)}%, other ${r.cpu.otherPercent.toFixed(0)}%`,
    `${r.usersSoFar} users`,
    `${failures} failures${r.poolExhausted ? ' POOL EXHAUSTED' : ''}`,
    `${r.replies.profileReads} profile reads`,
  ].join(', ');
}

/**
 * The machine may be shared (other builds, tests): sample how busy it is while nothing of ours runs, and wait a
 * little while it is busy, so a burst elsewhere does not land in one bot's window. Bounded by QUIET_WAIT_LIMIT_MS.
 */
async function waitForQuiet(): Promise<{ machineBusyPercent: number; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const before = readMachineBusyMs();
    await sleep(QUIET_SAMPLE_MS);
    const machineBusyPercent = ((readMachineBusyMs() - before) / QUIET_SAMPLE_MS) * 100;
    const waitedMs = Math.max(0, performance.now() - started - QUIET_SAMPLE_MS);
    if (machineBusyPercent < QUIET_BUSY_PERCENT || waitedMs >= QUIET_WAIT_LIMIT_MS) return { machineBusyPercent, waitedMs };
  }
}

async function hasTaskset(): Promise<boolean> {
  try {
    await promisify(execFile)('taskset', ['-c', '0', 'true']);
    return true;
  } catch (error) {
    log(`taskset unavailable (${error instanceof Error ? error.message : String(error)}): processes are not pinned`);
    return false;
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
