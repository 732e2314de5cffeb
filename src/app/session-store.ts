import { decodeSession, encodeSession } from './session-codec';
import type { LoadedSession, SessionStore, StorageAdapter } from './ports';

/** Session keys in a store shared with other kinds of keys. */
const SESSION_PREFIX = 's:';

/**
 * Sessions over any StorageAdapter: encoded with a schema version, kept `ttlMs` after the last write, and saved
 * with compare-and-set on the value as read, so two replicas handling one person's events cannot overwrite each
 * other's step (the loser loads again and redoes its step on the winner's session).
 */
export function createSessionStore(storage: StorageAdapter, options: { ttlMs: number }): SessionStore {
  return {
    async load(key) {
      const revision = await storage.read(SESSION_PREFIX + key);
      if (revision === undefined) return { key, session: undefined, revision };
      const session = decodeSession(revision);
      return session ? { key, session, revision } : { key, session: undefined, revision, dropped: 'unreadable' };
    },
    async save(loaded: LoadedSession, next) {
      const storageKey = SESSION_PREFIX + loaded.key;
      if (next) return storage.write(storageKey, loaded.revision, encodeSession(next), options.ttlMs);
      return loaded.revision === undefined ? true : storage.delete(storageKey, loaded.revision);
    },
  };
}
