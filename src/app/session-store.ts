import { decodeSession, encodeSession } from './session-codec';
import type { LoadedSession, SessionStore, StorageAdapter } from './ports';

/** Session keys in a store shared with other kinds of keys. */
export const SESSION_PREFIX = 's:';

/** The session in a stored value as read (`revision`), dropping one that is corrupt or of another schema version. */
export function toLoadedSession(key: string, revision: string | undefined): LoadedSession {
  if (revision === undefined) return { key, session: undefined, revision };
  const session = decodeSession(revision);
  return session ? { key, session, revision } : { key, session: undefined, revision, dropped: 'unreadable' };
}

/**
 * Sessions over any StorageAdapter: encoded with a schema version, kept `ttlMs` after the last write, and saved
 * with compare-and-set on the value as read, so two replicas handling one person's events cannot overwrite each
 * other's step (the loser loads again and redoes its step on the winner's session).
 */
export function createSessionStore(storage: StorageAdapter, options: { ttlMs: number }): SessionStore {
  return {
    async load(key) {
      return toLoadedSession(key, await storage.read(SESSION_PREFIX + key));
    },
    async save(loaded: LoadedSession, next) {
      const storageKey = SESSION_PREFIX + loaded.key;
      if (next) return storage.write(storageKey, loaded.revision, encodeSession(next), options.ttlMs);
      return loaded.revision === undefined ? true : storage.delete(storageKey, loaded.revision);
    },
  };
}
