/** client-go's reflector constants: 0.8 s doubling to 30 s, full jitter, reset after 2 min without failure. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  jitter: number;
  resetAfterMs: number;
}

export const REFLECTOR_BACKOFF: BackoffOptions = {
  initialMs: 800,
  maxMs: 30_000,
  factor: 2,
  jitter: 1,
  resetAfterMs: 120_000,
};

export class Backoff {
  private attempt = 0;
  private lastFailureAt = 0;

  constructor(
    private readonly options: BackoffOptions = REFLECTOR_BACKOFF,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** The wait before the next try, after one more failure. */
  next(): number {
    const now = this.now();
    if (now - this.lastFailureAt > this.options.resetAfterMs) this.attempt = 0;
    this.lastFailureAt = now;
    const base = Math.min(this.options.maxMs, this.options.initialMs * this.options.factor ** this.attempt);
    this.attempt += 1;
    return Math.min(this.options.maxMs, base + this.random() * this.options.jitter * base);
  }

  reset(): void {
    this.attempt = 0;
    this.lastFailureAt = 0;
  }
}
