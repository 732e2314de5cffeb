import { CLAIM_DONE, CLAIM_PREFIX, decodeClaim, encodePendingClaim } from '../../app/event-claims';
import type { Clock, EventClaims } from '../../app/ports';
import type { MemoryStorage } from './memory-storage';

/**
 * Event claims in process memory, beside the sessions of the same process. Each method reads and writes without
 * yielding, so it is as atomic as the Redis scripts it mirrors (redis-claims.ts).
 */
export function createMemoryClaims(options: {
  events: MemoryStorage;
  sessions: MemoryStorage;
  clock: Clock;
  /** How long a pending claim holds before another delivery may take it. */
  leaseMs: number;
  /** How long a claim is remembered: LINE's redelivery window. */
  keepMs: number;
}): EventClaims {
  const { events, sessions, clock, leaseMs, keepMs } = options;
  return {
    async claim(webhookEventId, owner, sessionKey) {
      const key = CLAIM_PREFIX + webhookEventId;
      const found = decodeClaim(events.peek(key));
      const now = clock.now();
      if (found === CLAIM_DONE) return { kind: 'done' };
      if (found && found.leaseUntil > now) return { kind: 'busy', leaseLeftMs: found.leaseUntil - now };
      events.put(key, encodePendingClaim({ leaseUntil: now + leaseMs, owner, ...(found?.stepped && { stepped: found.stepped }) }), keepMs);
      if (found?.stepped) return { kind: 'replay', prior: found.stepped.prior };
      return { kind: 'new', session: sessionKey === undefined ? undefined : sessions.peek(sessionKey) };
    },
    async saveStepped(webhookEventId, owner, session) {
      const key = CLAIM_PREFIX + webhookEventId;
      const found = decodeClaim(events.peek(key));
      if (found === undefined || found === CLAIM_DONE || found.owner !== owner) return 'claim-lost';
      if (sessions.peek(session.key) !== session.expected) return 'conflict';
      if (session.next === undefined) sessions.remove(session.key);
      else sessions.put(session.key, session.next, session.ttlMs);
      events.put(key, encodePendingClaim({ ...found, stepped: { prior: session.expected } }), keepMs);
      return 'saved';
    },
    async settle(webhookEventId, owner, how) {
      const key = CLAIM_PREFIX + webhookEventId;
      const found = decodeClaim(events.peek(key));
      if (found === undefined || found === CLAIM_DONE || found.owner !== owner) return;
      events.put(key, how === 'done' ? CLAIM_DONE : encodePendingClaim({ ...found, leaseUntil: 0 }), keepMs);
    },
  };
}
