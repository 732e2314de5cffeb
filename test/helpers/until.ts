import type { EventEmitter } from 'node:events';

export interface UntilOptions {
  /** What is awaited, for the error when it does not come. */
  readonly description?: string;
  /** Added to the error when it does not come: the state as it stands then. */
  readonly explain?: () => string;
  readonly timeoutMs?: number;
  /**
   * Emits 'change' whenever the state may have changed (a log line written, a socket closed): the condition is then
   * checked on each change instead of every 20 ms.
   */
  readonly changes?: EventEmitter;
}

const POLL_MS = 20;

/**
 * Waits for a state, bounded in time (it does not time one): resolves with the first value `found` gives that is
 * neither `undefined` nor `false`. Polls conditions the test cannot be told about (Redis coming back, a socket the
 * server has let go), or checks on each change when given `changes`.
 */
export async function until<T>(found: () => T | undefined | false | Promise<T | undefined | false>, options: UntilOptions = {}): Promise<T> {
  const { description = 'a condition', explain, timeoutMs = 10_000, changes } = options;
  const deadline = Date.now() + timeoutMs;
  // Listening before the first check, so a change between a check and the wait is never missed.
  let changedSinceCheck: boolean;
  let wake: (() => void) | undefined;
  const onChange = () => {
    changedSinceCheck = true;
    wake?.();
  };
  changes?.on('change', onChange);
  try {
    for (;;) {
      changedSinceCheck = false;
      const value = await found();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${description}${explain ? ` (${explain()})` : ''}`);
      if (changedSinceCheck) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => wake?.(), changes ? left : Math.min(left, POLL_MS));
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    }
  } finally {
    changes?.off('change', onChange);
  }
}
