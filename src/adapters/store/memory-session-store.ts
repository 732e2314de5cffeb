import type { Clock, SessionStore } from '../../app/ports';
import type { Session } from '../../core/conversation/session';

/**
 * The default store: in process memory, each session forgotten `ttlMs` after its last use, and the least
 * recently used dropped beyond `maxSessions` so memory stays bounded. Map keeps insertion order, so re-inserting
 * on every write keeps the oldest first.
 */
export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, { session: Session; expiresAt: number }>();

  constructor(private readonly options: { ttlMs: number; maxSessions: number; clock: Clock }) {}

  async get(key: string): Promise<Session | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.options.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.session;
  }

  async set(key: string, session: Session): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { session, expiresAt: this.options.clock.now() + this.options.ttlMs });
    this.evict();
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops expired sessions from the old end, then the oldest beyond the bound. */
  private evict(): void {
    const now = this.options.clock.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size <= this.options.maxSessions) break;
      this.entries.delete(key);
    }
  }
}
