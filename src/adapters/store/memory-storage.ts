import type { Clock, StorageAdapter } from '../../app/ports';

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
}

/**
 * The default storage: in process memory, for one process and the preview. Each value is forgotten `ttlMs` after
 * its last write, and the least recently written dropped beyond `maxEntries` so memory stays bounded. Map keeps
 * insertion order, so re-inserting on every write keeps the oldest first. Compare-and-set is trivially atomic here:
 * every method runs to completion on the one thread.
 */
export class MemoryStorage implements StorageAdapter {
  private readonly entries = new Map<string, Entry>();
  /**
   * Walks the entries from the oldest, kept from one write to the next. A fresh iterator per write would step over
   * every entry deleted since V8 last compacted the map (re-inserting leaves a hole behind), which made each write
   * O(entries) under steady traffic.
   */
  private cursor: Iterator<[string, Entry]> | undefined;
  private oldest: [string, Entry] | undefined;

  constructor(
    private readonly options: {
      maxEntries: number;
      clock: Clock;
      /** Called when an entry is dropped for room before it expired: the bound is too small for the traffic. */
      onEarlyEviction?: () => void;
    },
  ) {}

  async read(key: string): Promise<string | undefined> {
    return this.peek(key);
  }

  async write(key: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean> {
    if (this.peek(key) !== expected) return false;
    this.put(key, value, ttlMs);
    return true;
  }

  async delete(key: string, expected: string): Promise<boolean> {
    if (this.peek(key) !== expected) return false;
    this.entries.delete(key);
    return true;
  }

  /** The live value, at once: for operations over several keys that must not yield to other events midway. */
  peek(key: string): string | undefined {
    return this.live(key)?.value;
  }

  /** Sets the value unconditionally, expiring `ttlMs` from now. */
  put(key: string, value: string, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.options.clock.now() + ttlMs });
    this.evict();
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  /** Entries held, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.options.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops expired entries from the old end, then the oldest beyond the bound. */
  private evict(): void {
    const now = this.options.clock.now();
    for (let oldest = this.peekOldest(); oldest; oldest = this.peekOldest()) {
      const [key, entry] = oldest;
      if (entry.expiresAt > now && this.entries.size <= this.options.maxEntries) return;
      if (entry.expiresAt > now) this.options.onEarlyEviction?.();
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
