import type { Clock, EventDedupe, Logger, SessionStore, StorageAdapter } from '../../app/ports';
import { createEventDedupe } from '../../app/event-dedupe';
import { createSessionStore } from '../../app/session-store';
import type { Config } from '../../config';
import { MemoryStorage } from './memory-storage';
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
/** Event ids held in memory when there is no Redis: a few minutes of heavy traffic. */
export const MEMORY_EVENT_IDS = 10_000;

export interface StoreHealth {
  readonly store: 'memory' | 'redis';
  readonly status: 'ok' | 'unavailable';
}

export interface Stores {
  readonly sessions: SessionStore;
  readonly dedupe: EventDedupe;
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
  if (config.redisUrl) {
    const redis = connectRedisStorage({ url: config.redisUrl, commandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS, logger });
    return {
      sessions: createSessionStore(redis, ttl),
      dedupe: createEventDedupe(redis, { ttlMs: EVENT_ID_TTL_MS }),
      health: () => ({ store: 'redis', status: redis.health() }),
      close: () => redis.close(),
    };
  }
  const memory = (maxEntries: number): StorageAdapter => new MemoryStorage({ maxEntries, clock });
  const sessions = new MemoryStorage({ maxEntries: config.sessionMaxCount, clock });
  return {
    sessions: createSessionStore(sessions, ttl),
    sessionsHeld: () => sessions.size,
    dedupe: createEventDedupe(memory(MEMORY_EVENT_IDS), { ttlMs: EVENT_ID_TTL_MS }),
    health: () => ({ store: 'memory', status: 'ok' }),
    close: async () => undefined,
  };
}
