import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './adapters/log/create-logger';

/** LINE credentials: both set for a real channel, or neither for the browser preview alone. */
export interface LineChannelConfig {
  readonly channelSecret: string;
  readonly channelAccessToken: string;
  readonly apiBaseUrl: string;
  /** LINE's data API (api-data.line.me): rich menu images go there, not to apiBaseUrl. */
  readonly apiDataBaseUrl: string;
}

/** How replies to LINE are bounded: each call, the whole reply with its retries, and the sockets they use. */
export interface LineApiLimits {
  /** One HTTP call to LINE is aborted this long after it was sent. */
  readonly callTimeoutMs: number;
  /** No call of a reply, retries included, starts later than this after the reply began (the token lasts ~1 min). */
  readonly replyDeadlineMs: number;
  /** Connections to the LINE API kept open at most, per process; further calls wait for one. */
  readonly maxConnections: number;
}

/**
 * How long a client may take and how many may be connected: a slow or idle socket holds a file descriptor, so
 * trickling clients must be cut off and their number bounded below the process's descriptor limit.
 */
export interface HttpServerLimits {
  /** A request's headers must have arrived within this (Node's default is 60 s). */
  readonly headersTimeoutSeconds: number;
  /** The whole request, body included, within this (Node's default is 300 s). */
  readonly requestTimeoutSeconds: number;
  /** Connections beyond this are closed at once; leaves descriptors for LINE, Redis and files. */
  readonly maxConnections: number;
}

export interface Config {
  readonly line: LineChannelConfig | undefined;
  readonly lineApi: LineApiLimits;
  readonly http: HttpServerLimits;
  /** Interface to listen on; undefined listens on all of them. */
  readonly host: string | undefined;
  readonly port: number;
  /** Port of the Prometheus /metrics server, apart from the public one; undefined turns metrics off. */
  readonly metricsPort: number | undefined;
  /** HTTPS origin this bot is reachable at; channel icons are served from it. */
  readonly publicBaseUrl: string | undefined;
  readonly sessionTtlMinutes: number;
  /** Held in memory only; with Redis, its own `maxmemory` policy bounds the sessions. */
  readonly sessionMaxCount: number;
  /** The most webhook events a second this deployment expects: sizes the memory dedupe (not used with Redis). */
  readonly eventsPeakPerSecond: number;
  /**
   * Redis shared by every replica for sessions and handled event ids; undefined keeps them in this process's
   * memory. May carry a password: never log it.
   */
  readonly redisUrl: string | undefined;
  readonly logLevel: LogLevel;
  /**
   * Serve the LINE-like chat preview at `/`. On by default when there are no LINE credentials and NODE_ENV is unset,
   * `development` or `test`.
   */
  readonly preview: boolean;
  /** After SIGTERM, how long replies in flight may take before the process exits anyway. */
  readonly shutdownGraceMs: number;
  /** Webhook events taken and not finished at most; beyond it webhooks are refused with 503 (LINE redelivers). */
  readonly maxEventsInFlight: number;
}

/** Every problem found in the environment, listed at once. Values of secrets are never included. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const unset = (v: unknown) => v === undefined || v === '';
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional());
/** Digits only: Number() would read " " as 0 (a random port) and "1e3" as 1000. */
const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (unset(v) ? String(fallback) : v), wholeNumber(min, max));

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  LINE_CHANNEL_SECRET: optionalText,
  LINE_CHANNEL_ACCESS_TOKEN: optionalText,
  LINE_API_BASE_URL: z.preprocess(
    (v) => (unset(v) ? 'https://api.line.me' : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  ),
  LINE_API_DATA_BASE_URL: z.preprocess(
    (v) => (unset(v) ? 'https://api-data.line.me' : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  ),
  LINE_API_TIMEOUT_MS: integer(50, 60_000, 5_000),
  LINE_REPLY_DEADLINE_MS: integer(50, 50_000, 20_000),
  LINE_API_MAX_CONNECTIONS: integer(1, 1_000, 50),
  HTTP_HEADERS_TIMEOUT_SECONDS: integer(1, 120, 10),
  HTTP_REQUEST_TIMEOUT_SECONDS: integer(1, 600, 30),
  HTTP_MAX_CONNECTIONS: integer(1, 100_000, 800),
  HOST: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or a host name' }).optional(),
  ),
  PORT: integer(0, 65535, 3000),
  METRICS_PORT: z.preprocess((v) => (unset(v) ? undefined : v), wholeNumber(0, 65535).optional()),
  PUBLIC_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https$/, error: 'must be an https:// URL (LINE loads icons over HTTPS only)' }).optional(),
  ),
  SESSION_TTL_MINUTES: integer(1, 24 * 60, 30),
  SESSION_MAX_COUNT: integer(1, 10_000_000, 200_000),
  EVENTS_PEAK_PER_SECOND: integer(1, 10_000, 20),
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  ),
  LOG_LEVEL: z.preprocess((v) => (unset(v) ? 'info' : v), z.enum(LOG_LEVELS)),
  PREVIEW: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['0', '1']).optional()),
  SHUTDOWN_GRACE_MS: integer(100, 120_000, 30_000),
  MAX_EVENTS_IN_FLIGHT: integer(1, 1_000_000, 5_000),
});

type Env = z.infer<typeof envSchema>;

/**
 * Reads the configuration from `env` (the only reader of process.env is main.ts, which passes it in).
 * @throws ConfigError listing every problem.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...checkCredentialPair(env),
    ...(parsed.success ? checkCombinations(parsed.data) : []),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const line =
    e.LINE_CHANNEL_SECRET && e.LINE_CHANNEL_ACCESS_TOKEN
      ? {
          channelSecret: e.LINE_CHANNEL_SECRET,
          channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
          apiBaseUrl: e.LINE_API_BASE_URL.replace(/\/+$/, ''),
          apiDataBaseUrl: e.LINE_API_DATA_BASE_URL.replace(/\/+$/, ''),
        }
      : undefined;
  return Object.freeze({
    line,
    lineApi: Object.freeze({
      callTimeoutMs: e.LINE_API_TIMEOUT_MS,
      replyDeadlineMs: e.LINE_REPLY_DEADLINE_MS,
      maxConnections: e.LINE_API_MAX_CONNECTIONS,
    }),
    http: Object.freeze({
      headersTimeoutSeconds: e.HTTP_HEADERS_TIMEOUT_SECONDS,
      requestTimeoutSeconds: e.HTTP_REQUEST_TIMEOUT_SECONDS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    }),
    host: e.HOST,
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    sessionMaxCount: e.SESSION_MAX_COUNT,
    eventsPeakPerSecond: e.EVENTS_PEAK_PER_SECOND,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    preview: e.PREVIEW === undefined ? line === undefined : e.PREVIEW === '1',
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    maxEventsInFlight: e.MAX_EVENTS_IN_FLIGHT,
  });
}

function checkCredentialPair(env: Readonly<Record<string, string | undefined>>): string[] {
  const secret = Boolean(env.LINE_CHANNEL_SECRET?.trim());
  const token = Boolean(env.LINE_CHANNEL_ACCESS_TOKEN?.trim());
  if (secret === token) return [];
  const [set, missing] = secret
    ? ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN']
    : ['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET'];
  return [`${missing}: required when ${set} is set (set both for LINE, or neither for the preview alone)`];
}

/**
 * The NODE_ENV values that may serve the open preview without being asked to. A list of what is allowed, not of
 * what is refused: `prod`, `Production` or `staging` are deployments too, and fail closed like `production`.
 */
const PREVIEW_BY_DEFAULT_ENVS: readonly (string | undefined)[] = [undefined, '', 'development', 'test'];

/** Settings that are each valid but wrong together. */
function checkCombinations(e: Env): string[] {
  const problems: string[] = [];
  const noCredentials = !e.LINE_CHANNEL_SECRET && !e.LINE_CHANNEL_ACCESS_TOKEN;
  // A deploy that lost its secrets must not come up healthy as an open preview.
  if (noCredentials && !PREVIEW_BY_DEFAULT_ENVS.includes(e.NODE_ENV) && e.PREVIEW !== '1') {
    problems.push(
      `LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN: required when NODE_ENV=${e.NODE_ENV} (only NODE_ENV unset, development or test serves the preview without them; set PREVIEW=1 to serve only the browser preview on purpose)`,
    );
  } else if (noCredentials && e.PREVIEW === '0') {
    problems.push('PREVIEW: 0 without LINE credentials leaves nothing to serve');
  }
  if (e.LINE_API_TIMEOUT_MS > e.LINE_REPLY_DEADLINE_MS) {
    problems.push('LINE_API_TIMEOUT_MS: must not exceed LINE_REPLY_DEADLINE_MS');
  }
  // A reply's last call may start at its deadline and run its whole timeout.
  if (e.SHUTDOWN_GRACE_MS <= e.LINE_REPLY_DEADLINE_MS + e.LINE_API_TIMEOUT_MS) {
    problems.push('SHUTDOWN_GRACE_MS: must exceed LINE_REPLY_DEADLINE_MS + LINE_API_TIMEOUT_MS, so replies in flight can finish before exit');
  }
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (e.HTTP_HEADERS_TIMEOUT_SECONDS > e.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (metrics are never served on the public port)');
  }
  return problems;
}
