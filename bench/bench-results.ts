import type { WindowResult } from './load-protocol';
import type { MachineInfo } from './machine-info';

/** The shape of bench/results/*.json. Bump `schemaVersion` when a field changes meaning. */
export interface BenchResults {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly totalSeconds: number;
  /** How the bench was started, to repeat it. */
  readonly command: string;
  /** True for a `--quick` or `--only` run: too short or too partial to quote, so kept out of latest.json and the docs. */
  readonly partial: boolean;
  readonly machine: MachineInfo;
  readonly method: Method;
  /** Absent for a bot when start-up was not measured (`--only`). */
  readonly startup: Readonly<Partial<Record<BotName, StartupResult>>>;
  readonly memory: readonly MemoryResult[];
  /** Our logic alone, in one process without HTTP (bench/logic-cost.ts). */
  readonly logicCost: readonly LogicCostResult[];
  readonly settings: readonly SettingResult[];
  readonly targets: readonly TargetResult[];
}

export type BotName = 'ours' | 'baseline';
export const BOT_NAMES: readonly BotName[] = ['ours', 'baseline'];

export interface Method {
  /** Measured windows per bot and setting, alternating ours, baseline, baseline, ours, … */
  readonly rounds: number;
  readonly warmupSeconds: number;
  /** Bots pinned to CPU 0 and the load process to CPU 1 with taskset. */
  readonly pinned: boolean;
  /** Node flags given to both bots. */
  readonly nodeFlags: readonly string[];
  /** Padding added to each baseline reply (`--baseline-reply-bytes`, a control experiment); 0 normally. */
  readonly baselineReplyBytes: number;
  /** The environment both bots get (secrets replaced by their length). */
  readonly botEnv: Readonly<Record<string, string>>;
  /** Events pre-built for each population size. */
  readonly poolEvents: Readonly<Record<string, number>>;
}

export interface Setting {
  readonly id: string;
  readonly label: string;
  readonly users: number;
  readonly connections: number;
  readonly fakeDelayMs: number;
  /** Length of each measured window. */
  readonly windowSeconds: number;
}

export interface WindowRecord {
  readonly bot: BotName;
  readonly round: number;
  /** How busy the machine was just before the window (% of one core), and how long the bench waited for it to calm. */
  readonly before: { readonly machineBusyPercent: number; readonly waitedMs: number };
  readonly result: WindowResult;
}

/** Medians over the windows of one bot in one setting; counts of failures are summed. */
export interface BotSummary {
  readonly repliesPerSecond: number;
  readonly webhook2xxPerSecond: number;
  readonly replyLatencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly webhookLatencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly failures: {
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly missingReplies: number;
    readonly duplicateReplies: number;
    readonly rejectedReplies: number;
  };
  readonly botCpuPercent: number;
  /** The bot's CPU time per event, µs. */
  readonly botMicrosPerEvent: number;
  readonly driverCpuPercent: number;
  /** CPU used by anything but the bot and the load process during the windows (% of one core). */
  readonly otherCpuPercent: number;
  /** Peak resident set of the bot process over the whole session. */
  readonly botPeakRssBytes: number;
  readonly meanReplyBytes: number;
  /** Distinct users the bot had seen by the end of the session. */
  readonly usersSeen: number;
  readonly poolExhausted: boolean;
}

export interface SettingResult {
  readonly setting: Setting;
  readonly windows: readonly WindowRecord[];
  readonly summary: {
    readonly ours: BotSummary;
    readonly baseline: BotSummary;
    /** median(ours replies/s) ÷ median(baseline replies/s). */
    readonly throughputRatio: number;
    /** median over rounds of (ours replies/s ÷ baseline replies/s in the same round): less sensitive to drift. */
    readonly pairedThroughputRatio: number;
    /** median(ours reply p99) − median(baseline reply p99), ms. */
    readonly p99AddedMs: number;
    /** median(ours reply p50) − median(baseline reply p50), ms. */
    readonly p50AddedMs: number;
    /** median(ours CPU µs per event) − median(baseline CPU µs per event): the CPU our logic adds to each event. */
    readonly cpuMicrosAddedPerEvent: number;
  };
}

export interface StartupResult {
  /** Process spawn → first 200 from /healthz, ms, in the order measured. */
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
}

export interface MemoryResult {
  readonly sessions: number;
  readonly heapUsedBytesPerSession: number;
  readonly rssBytesPerSession: number;
  readonly heapUsedBytesAfter: number;
  readonly rssBytesAfter: number;
  /** Wall time to drive the N users through, ms. */
  readonly driveMs: number;
}

export interface LogicCostResult {
  readonly users: number;
  /** Events measured (after a warm-up on a third as many). */
  readonly events: number;
  /** Median over the repetitions, µs per event. */
  readonly microsPerEvent: number;
  readonly samplesMicrosPerEvent: readonly number[];
  readonly meanReplyChars: number;
}

export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}
