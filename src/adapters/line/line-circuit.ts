/**
 * A circuit breaker for the calls to LINE. Closed, every call goes. After `failuresToOpen` failures in a row
 * (no answer, a reset, 5xx, 429) it opens: calls wait here, without a socket, a timer or a request, and once every
 * `probeEveryMs` one of them (the one that parked last) goes as a probe. The first call LINE answers closes it and every
 * waiting call goes, oldest first. A waiting call leaves when its own deadline aborts it. So an outage costs one
 * call a second instead of a socket and a timed-out request per event, and recovery takes at most a probe period
 * and one answer.
 */
export class LineCircuit {
  private open = false;
  private failuresInRow = 0;
  /** While open and nobody waits: the next call goes as the probe. */
  private probeDue = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly waiting = new Set<(probe: boolean) => void>();

  constructor(
    private readonly options: {
      failuresToOpen: number;
      probeEveryMs: number;
      /** Told of each change, with how many calls waited when it closes. */
      onChange(open: boolean, waited: number): void;
    },
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Resolves when the call may go: true when it goes as the probe of an open circuit. While open, `onParked` is
   * called first and the call waits its turn as a probe or the closing; it rejects with the signal's reason if that
   * aborts first.
   */
  permit(signal: AbortSignal, onParked?: () => void): Promise<boolean> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (!this.open) return Promise.resolve(false);
    if (this.probeDue) {
      this.probeDue = false;
      return Promise.resolve(true);
    }
    onParked?.();
    return new Promise((resolve, reject) => {
      const go = (probe: boolean) => {
        signal.removeEventListener('abort', leave);
        resolve(probe);
      };
      const leave = () => {
        this.waiting.delete(go);
        reject(signal.reason as Error);
      };
      this.waiting.add(go);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  /** LINE answered (any status but 5xx and 429): it is up. */
  succeeded(): void {
    this.failuresInRow = 0;
    if (!this.open) return;
    this.open = false;
    this.probeDue = false;
    clearInterval(this.timer);
    this.timer = undefined;
    const waited = this.waiting.size;
    const go = [...this.waiting];
    this.waiting.clear();
    for (const next of go) next(false);
    this.options.onChange(false, waited);
  }

  /** No answer, a reset, 5xx or 429. */
  failed(): void {
    this.failuresInRow += 1;
    if (this.open || this.failuresInRow < this.options.failuresToOpen) return;
    this.open = true;
    this.probeDue = false;
    this.timer = setInterval(() => this.probe(), this.options.probeEveryMs);
    // An open circuit alone must not keep the process alive at shutdown.
    this.timer.unref();
    this.options.onChange(true, 0);
  }

  /**
   * Lets the call that parked last go, or the next one to come. The last one has the most of its deadline left: the
   * longest-waiting call may have too little left to be sent at all, and under load the oldest is always about to
   * expire, so probing with it never reached LINE again (150 events/s: no reply after LINE's return).
   */
  private probe(): void {
    const next = [...this.waiting].at(-1);
    if (!next) {
      this.probeDue = true;
      return;
    }
    this.waiting.delete(next);
    next(true);
  }
}
