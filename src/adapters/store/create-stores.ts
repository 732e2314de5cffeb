import type { Clock, EventClaims, Logger, SessionStore } from '../../app/ports';
import { createSessionStore } from '../../app/session-store';
import type { Config } from '../../config';
import { createMemoryClaims } from './memory-claims';
import { MemoryStorage } from './memory-storage';
import { createRedisClaims } from './redis-claims';
import { connectRedisStorage } from './redis-storage';

/**
 * Longest wait for one Redis command. An event makes at most two in a row (claim and load together, then save),
 * so a slow Redis still leaves the reply well inside LINE's 2 s webhook limit.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 250;
/**
 * How long a handled webhookEventId is remembered. LINE redelivers with the same id, and a redelivered reply token
 * is usable until 20 minutes after the event (LINE docs, receiving-messages#webhook-redelivery); later ones cannot
 * be answered anyway.
 */
export const EVENT_ID_TTL_MS = 30 * 60_000;
/**
 * A pending claim lasts this much longer than a reply may take (its deadline, then its last call's timeout), for the
 * steps before and the write after it: a replica that dies holding it stops blocking a redelivery of the event this
 * long after its last word.
 */
export const CLAIM_LEASE_MARGIN_MS = 2_000;
/** How often, at most, the warning that the memory dedupe forgets event ids early is repeated. */
const EARLY_EVICTION_WARNING_EVERY_MS = 10 * 60_000;

/** Event ids the memory dedupe must hold to remember every one for its whole window at the configured peak rate. */
export function memoryEventIdCapacity(eventsPeakPerSecond: number): number {
  return Math.ceil((EVENT_ID_TTL_MS / 1000) * eventsPeakPerSecond);
}

export interface StoreHealth {
  readonly store: 'memory' | 'redis';
  readonly status: 'ok' | 'unavailable';
}

export interface Stores {
  readonly sessions: SessionStore;
  /** Claims on webhook events, beside the sessions (in Redis, a claim and a session change are one step). */
  readonly claims: EventClaims;
  health(): StoreHealth;
  /** How many sessions are held, where the store can tell cheaply (memory; not Redis, whose keys it shares). */
  readonly sessionsHeld?: () => number;
  /** Closes the connection to a shared store, if any. */
  close(): Promise<void>;
}

/** Sessions and seen event ids: on Redis when `config.redisUrl` is set (shared by replicas), else in memory. */
export function createStores(options: { config: Config; clock: Clock; logger: Logger }): Stores {
  const { config, clock, logger } = options;
  const ttl = { ttlMs: config.sessionTtlMinutes * 60_000 };
  const claimTimes = { leaseMs: config.lineApi.replyDeadlineMs + config.lineApi.callTimeoutMs + CLAIM_LEASE_MARGIN_MS, keepMs: EVENT_ID_TTL_MS };
  if (config.redisUrl) {
    const redis = connectRedisStorage({ url: config.redisUrl, commandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS, logger });
    return {
      sessions: createSessionStore(redis, ttl),
      claims: createRedisClaims({ redis, clock, ...claimTimes }),
      health: () => ({ store: 'redis', status: redis.health() }),
      close: () => redis.close(),
    };
  }
  const sessions = new MemoryStorage({ maxEntries: config.sessionMaxCount, clock });
  const capacity = memoryEventIdCapacity(config.eventsPeakPerSecond);
  let warnedAt: number | undefined;
  let forgotten = 0;
  const events = new MemoryStorage({
    maxEntries: capacity,
    clock,
    onEarlyEviction() {
      forgotten += 1;
      const now = clock.now();
      if (warnedAt !== undefined && now - warnedAt < EARLY_EVICTION_WARNING_EVERY_MS) return;
      warnedAt = now;
      logger.warn(
        { code: 'DEDUPE_FULL', capacity, forgotten, eventsPeakPerSecond: config.eventsPeakPerSecond },
        'event ids forgotten before their 30-minute window: a redelivery of them would be answered again (raise EVENTS_PEAK_PER_SECOND, or use REDIS_URL)',
      );
      forgotten = 0;
    },
  });
  return {
    sessions: createSessionStore(sessions, ttl),
    sessionsHeld: () => sessions.size,
    claims: createMemoryClaims({ events, sessions, clock, ...claimTimes }),
    health: () => ({ store: 'memory', status: 'ok' }),
    close: async () => undefined,
  };
}
