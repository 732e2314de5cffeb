import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './adapters/log/create-logger';

/** LINE credentials: both set for a real channel, or neither for the browser preview alone. */
export interface LineChannelConfig {
  readonly channelSecret: string;
  readonly channelAccessToken: string;
  readonly apiBaseUrl: string;
}

export interface Config {
  readonly line: LineChannelConfig | undefined;
  readonly port: number;
  /** HTTPS origin this bot is reachable at; channel icons are served from it. */
  readonly publicBaseUrl: string | undefined;
  readonly sessionTtlMinutes: number;
  readonly sessionMaxCount: number;
  readonly logLevel: LogLevel;
  /** Serve the LINE-like chat preview at `/`. On by default when there are no LINE credentials. */
  readonly preview: boolean;
}

/** Every problem found in the environment, listed at once. Values of secrets are never included. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional());
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? fallback : Number(v)), z.number().int().min(min).max(max));

const envSchema = z.object({
  LINE_CHANNEL_SECRET: optionalText,
  LINE_CHANNEL_ACCESS_TOKEN: optionalText,
  LINE_API_BASE_URL: z.preprocess(
    (v) => (v === undefined || v === '' ? 'https://api.line.me' : v),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  ),
  PORT: integer(0, 65535, 3000),
  PUBLIC_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: /^https$/, error: 'must be an https:// URL (LINE loads icons over HTTPS only)' }).optional(),
  ),
  SESSION_TTL_MINUTES: integer(1, 24 * 60, 30),
  SESSION_MAX_COUNT: integer(1, 10_000_000, 200_000),
  LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : v), z.enum(LOG_LEVELS)),
  PREVIEW: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['0', '1']).optional()),
});

/**
 * Reads the configuration from `env` (the only reader of process.env is main.ts, which passes it in).
 * @throws ConfigError listing every problem.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...checkCredentialPair(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const line =
    e.LINE_CHANNEL_SECRET && e.LINE_CHANNEL_ACCESS_TOKEN
      ? {
          channelSecret: e.LINE_CHANNEL_SECRET,
          channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
          apiBaseUrl: e.LINE_API_BASE_URL.replace(/\/+$/, ''),
        }
      : undefined;
  return Object.freeze({
    line,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    sessionMaxCount: e.SESSION_MAX_COUNT,
    logLevel: e.LOG_LEVEL,
    preview: e.PREVIEW === undefined ? line === undefined : e.PREVIEW === '1',
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
