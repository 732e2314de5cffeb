import type { Clock, SessionStore } from '../../app/ports';
import type { Session } from '../../core/conversation/session';

interface Entry {
  readonly session: Session;
  readonly expiresAt: number;
}

/**
 * The default store: in process memory, each session forgotten `ttlMs` after its last use, and the least
 * recently used dropped beyond `maxSessions` so memory stays bounded. Map keeps insertion order, so re-inserting
 * on every write keeps the oldest first.
 */
export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  /**
   * Walks the entries from the oldest, kept from one write to the next. A fresh iterator per write would step over
   * every entry deleted since V8 last compacted the map (re-inserting leaves a hole behind), which made each write
   * O(sessions) under steady traffic.
   */
  private cursor: Iterator<[string, Entry]> | undefined;
  private oldest: [string, Entry] | undefined;

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
    for (let oldest = this.peekOldest(); oldest; oldest = this.peekOldest()) {
      const [key, entry] = oldest;
      if (entry.expiresAt > now && this.entries.size <= this.options.maxSessions) return;
      this.entries.delete(key);
      this.oldest = undefined;
    }
  }

  /** The oldest live entry. One seen earlier may since have been deleted or rewritten (then it is further on). */
  private peekOldest(): [string, Entry] | undefined {
    for (;;) {
      if (this.oldest && this.entries.get(this.oldest[0]) === this.oldest[1]) return this.oldest;
      this.cursor ??= this.entries.entries();
      const next = this.cursor.next();
      if (next.done) {
        this.cursor = undefined;
        this.oldest = undefined;
        return undefined;
      }
      this.oldest = next.value;
    }
  }
}
