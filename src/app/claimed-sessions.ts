import type { ChatSessions } from './converse';
import { ClaimLostError } from './event-claims';
import type { ClaimFound, EventClaims, SessionStore } from './ports';
import { encodeSession } from './session-codec';
import { SESSION_PREFIX, toLoadedSession } from './session-store';

/**
 * The session of a claimed event's chat: first as its claim read it (no second round trip), then from the store
 * after a lost compare-and-set; saved together with the note on the claim of what it stepped from. A replay steps
 * from the session the first delivery stepped from. A claim taken over meanwhile stops the event (ClaimLostError).
 */
export function claimedSessions(options: {
  claims: EventClaims;
  store: SessionStore;
  found: Extract<ClaimFound, { kind: 'new' | 'replay' }>;
  webhookEventId: string;
  owner: string;
  key: string;
  ttlMs: number;
}): ChatSessions {
  const { claims, store, found, key } = options;
  let first: ReturnType<typeof toLoadedSession> | undefined = toLoadedSession(key, found.kind === 'new' ? found.session : found.prior);
  return {
    replay: found.kind === 'replay',
    async load() {
      const loaded = first;
      first = undefined;
      return loaded ?? store.load(key);
    },
    async save(loaded, next) {
      const saved = await claims.saveStepped(options.webhookEventId, options.owner, {
        key: SESSION_PREFIX + key,
        expected: loaded.revision,
        next: next ? encodeSession(next) : undefined,
        ttlMs: options.ttlMs,
      });
      if (saved === 'claim-lost') throw new ClaimLostError();
      return saved === 'saved';
    },
  };
}
