/**
 * Runs work one at a time per key, in the order it was queued, and different keys side by side: one person's
 * taps must not overtake each other. Remembers only keys with work pending, so it stays as small as the load.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<unknown>>();

  /**
   * Runs `work` after every earlier piece of work for `key` has settled, or as soon as `cutShort` aborts if that
   * comes first (the order then gives way: at shutdown, waiting would lose the work).
   */
  run<T>(key: string, work: () => Promise<T>, cutShort?: AbortSignal): Promise<T> {
    const tail = this.tails.get(key);
    const previous = tail && cutShort ? waitUnlessAborted(tail, cutShort) : (tail ?? Promise.resolve());
    const current = previous.then(work, work);
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    this.pending.add(settled);
    void settled.then(() => {
      this.pending.delete(settled);
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return current;
  }

  /** How many pieces of work are queued or running. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves when everything queued so far has settled, and whatever was queued meanwhile too. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

/** Settles with `tail`, or when `signal` aborts; the listener is removed after, so no waiter outlives its wait. */
function waitUnlessAborted(tail: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = () => resolve();
    signal.addEventListener('abort', stop, { once: true });
    void tail.then(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    });
  });
}
