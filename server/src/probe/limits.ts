export interface ProbeLimitOptions {
  /** Probe requests one user may have in flight. */
  perUserConcurrency: number;
  /** Probe requests this replica runs at once. */
  globalConcurrency: number;
  /** Dials this replica runs at once, across all requests; the rest wait their turn. */
  dialConcurrency: number;
  /** Targets one user may probe per minute (a token bucket refilled continuously). */
  targetsPerMinute: number;
  /** Targets one request may name. */
  maxTargets: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimitOptions = {
  perUserConcurrency: 2,
  globalConcurrency: 8,
  dialConcurrency: 8,
  targetsPerMinute: 60,
  maxTargets: 50,
};

export type Admission =
  { admitted: true; release: () => void } | { admitted: false; message: string; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Keeps probing from becoming a port scanner or a way to starve the server: requests are capped per
 * user and per replica (refused, not queued), targets are rate-limited per user, and dials share a
 * small pool so timings are not inflated by our own queueing.
 */
export class ProbeLimiter {
  private readonly inFlight = new Map<string, number>();
  private total = 0;
  private readonly buckets = new Map<string, Bucket>();
  private activeDials = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly options: ProbeLimitOptions = DEFAULT_PROBE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  admit(user: string, targets: number): Admission {
    const mine = this.inFlight.get(user) ?? 0;
    if (mine >= this.options.perUserConcurrency) {
      return {
        admitted: false,
        message: `You already have ${mine} probes running; wait for them to finish.`,
        retryAfterSeconds: 1,
      };
    }
    if (this.total >= this.options.globalConcurrency) {
      return {
        admitted: false,
        message: 'The server is running as many probes as it allows; try again shortly.',
        retryAfterSeconds: 1,
      };
    }
    const perMs = this.options.targetsPerMinute / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(user) ?? { tokens: this.options.targetsPerMinute, updated: now };
    bucket.tokens = Math.min(this.options.targetsPerMinute, bucket.tokens + (now - bucket.updated) * perMs);
    bucket.updated = now;
    this.buckets.set(user, bucket);
    if (this.buckets.size > 10_000) {
      for (const [key, b] of this.buckets)
        if (b.tokens >= this.options.targetsPerMinute) this.buckets.delete(key);
    }
    if (bucket.tokens < targets) {
      const wait = Math.ceil((targets - bucket.tokens) / perMs / 1000);
      return {
        admitted: false,
        message: `You may probe ${this.options.targetsPerMinute} targets a minute; try again in ${wait} s.`,
        retryAfterSeconds: wait,
      };
    }
    bucket.tokens -= targets;
    this.inFlight.set(user, mine + 1);
    this.total += 1;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = (this.inFlight.get(user) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(user);
        else this.inFlight.set(user, left);
      },
    };
  }

  /**
   * Takes tokens for targets found only after admission (a Service's endpoints, a route matrix).
   * The bucket may go below zero: the probe already runs, the user's next one waits longer.
   */
  charge(user: string, targets: number): void {
    const bucket = this.buckets.get(user);
    if (bucket && targets > 0) bucket.tokens -= targets;
  }

  /** Runs `dial` when a dial slot is free. */
  async withDialSlot<T>(dial: () => Promise<T>): Promise<T> {
    if (this.activeDials >= this.options.dialConcurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.activeDials += 1;
    }
    try {
      return await dial();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so the count stays the same.
      if (next) next();
      else this.activeDials -= 1;
    }
  }

  /** For tests and metrics. */
  get running(): { requests: number; dials: number } {
    return { requests: this.total, dials: this.activeDials };
  }
}
