import type { Clock } from '../../app/ports';

/**
 * Lets through at most `perWindow` warnings of one kind per window, and counts the rest: a scanner knocking on
 * /wp-login or a client with the wrong secret must not flood the log. `take` says whether to log this one and
 * how many of its kind were held back since the last one logged.
 */
export function createWarningLimiter(options: { perWindow: number; windowMs: number; clock: Clock }) {
  const kinds = new Map<string, { windowStart: number; logged: number; heldBack: number }>();
  return {
    take(kind: string): { log: false } | { log: true; heldBack: number } {
      const now = options.clock.now();
      let state = kinds.get(kind);
      if (!state || now - state.windowStart >= options.windowMs) {
        state = { windowStart: now, logged: 0, heldBack: state?.heldBack ?? 0 };
        kinds.set(kind, state);
      }
      if (state.logged >= options.perWindow) {
        state.heldBack += 1;
        return { log: false };
      }
      state.logged += 1;
      const heldBack = state.heldBack;
      state.heldBack = 0;
      return { log: true, heldBack };
    },
  };
}

export type WarningLimiter = ReturnType<typeof createWarningLimiter>;
