import type { EventKind } from './build-workload';
import type { Distribution } from './summarize';

/**
 * Messages between the orchestrator (run-bench.ts) and the load process (load.ts), which holds the load generator
 * and one fake LINE API per bot in one process, so that a request's send time and its reply's arrival share a clock.
 *
 * A session: `prepare` a pool, `open` each bot's fake (the bot is then started against it), `warm-up` each bot, then
 * alternate `measure` windows between the bots, and `close` them.
 */
export type ToLoad =
  | { readonly type: 'prepare'; readonly users: number; readonly events: number; readonly seed: number }
  | { readonly type: 'open'; readonly bot: string; readonly fakeDelayMs: number }
  | { readonly type: 'warm-up'; readonly bot: string; readonly target: Target; readonly seconds: number }
  | { readonly type: 'measure'; readonly bot: string; readonly seconds: number }
  | { readonly type: 'close'; readonly bot: string }
  | { readonly type: 'exit' };

export type FromLoad =
  | { readonly type: 'ready' }
  | { readonly type: 'prepared'; readonly users: number; readonly events: number; readonly ms: number }
  | { readonly type: 'opened'; readonly fakeBaseUrl: string }
  | { readonly type: 'warmed-up'; readonly events: number }
  | { readonly type: 'measured'; readonly result: WindowResult }
  | { readonly type: 'closed' }
  | { readonly type: 'failed'; readonly message: string };

export interface Target {
  /** The bot's webhook, e.g. http://127.0.0.1:1234/webhook. */
  readonly url: string;
  /** The bot's pid, to read its CPU time and memory from /proc. */
  readonly pid: number;
  readonly connections: number;
  /** autocannon's per-request timeout. */
  readonly timeoutSeconds: number;
}

/** One measured window of one bot. */
export interface WindowResult {
  readonly windowMs: number;
  /** Webhook requests started in the window. */
  readonly sent: number;
  readonly distinctUsers: number;
  readonly mix: Readonly<Record<EventKind, number>>;
  readonly webhook: {
    readonly completed: number;
    readonly status2xx: number;
    readonly non2xx: number;
    /** Connection errors, timeouts included. */
    readonly errors: number;
    readonly timeouts: number;
    readonly per2xxSecond: number;
    /** Request sent → webhook response, ms. */
    readonly latencyMs: Distribution;
  };
  readonly replies: {
    /** Replies to this window's events that reached the fake within the window. */
    readonly inWindow: number;
    readonly perSecond: number;
    /** This window's events that never got a reply (after a grace period). */
    readonly missing: number;
    readonly duplicates: number;
    readonly rejected: number;
    /** Profile reads the bot made (a new friend's language), answered as LINE does: not replies, not failures. */
    readonly profileReads: number;
    readonly meanBytes: number;
    /** Request sent → reply fully received by the fake LINE API, ms. */
    readonly latencyMs: Distribution;
  };
  /**
   * CPU used over the window, in % of one core: by the bot, by the load process, and by everything else on the
   * machine (other programs, the kernel's network work). A high `otherPercent` means the window was disturbed.
   */
  readonly cpu: {
    readonly botPercent: number;
    readonly driverPercent: number;
    readonly otherPercent: number;
    /**
     * The bot's CPU time per reply in the window, µs: what one event costs whatever the concurrency, and less
     * disturbed by other programs than throughput is (they delay the bot but do not add to its CPU time).
     */
    readonly botMicrosPerEvent: number;
  };
  /** The bot's resident set at the end of the window and its peak so far, bytes. */
  readonly botMemory: { readonly rssBytes: number; readonly peakRssBytes: number };
  /** Sessions the bot has seen so far (distinct users sent to it since it started). */
  readonly usersSoFar: number;
  /** True if the pool ran out and tokens were reused: the window is not valid and the pool must grow. */
  readonly poolExhausted: boolean;
}
