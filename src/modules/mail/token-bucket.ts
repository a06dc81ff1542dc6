/**
 * A token bucket (as the generic cell rate algorithm): `take()` reserves the next free slot at once, so
 * waiters are served in arrival order without a queue, and up to `burst` takes pass without waiting.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  /** When the bucket would be empty if every reserved slot were used: the "theoretical arrival time". */
  private theoreticalArrival = Number.NEGATIVE_INFINITY;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = Math.max(1, Math.ceil(ratePerSecond / 10)),
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError("ratePerSecond must be above 0");
    if (!Number.isInteger(burst) || burst < 1)
      throw new RangeError("burst must be a whole number of at least 1");
    this.intervalMs = 1_000 / ratePerSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  /** How long a take made now would wait, in milliseconds. */
  delayMs(): number {
    const now = this.now();
    return Math.max(0, Math.max(this.theoreticalArrival, now) - this.toleranceMs - now);
  }

  /** Waits for a token; an aborted signal rejects (the reserved slot is not given back). */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = this.now();
    const start = Math.max(this.theoreticalArrival, now);
    const waitMs = start - this.toleranceMs - now;
    this.theoreticalArrival = start + this.intervalMs;
    // Sub-millisecond waits are noise at any rate a mail server accepts.
    if (waitMs >= 1) await sleep(waitMs, signal);
  }
}

function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

let processThrottle: TokenBucket | null = null;

/** The one mail throttle of this process: every sender in it shares the same rate. */
export function sharedMailThrottle(ratePerSecond: number): TokenBucket {
  if (processThrottle?.ratePerSecond !== ratePerSecond) processThrottle = new TokenBucket(ratePerSecond);
  return processThrottle;
}
