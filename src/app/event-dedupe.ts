import type { EventDedupe, StorageAdapter } from './ports';

const EVENT_PREFIX = 'e:';

/**
 * Claims each webhookEventId once in `storage` (a `SET key NX` in Redis), for `ttlMs`. LINE resends an event with
 * the same id, on redelivery or after a network retry, and may do so to another replica.
 */
export function createEventDedupe(storage: StorageAdapter, options: { ttlMs: number }): EventDedupe {
  return {
    claim: (webhookEventId) => storage.write(EVENT_PREFIX + webhookEventId, undefined, '1', options.ttlMs),
  };
}
