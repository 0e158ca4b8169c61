import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../http/index.js';

export interface RateLimitOptions {
  /** Sustained requests per minute for one caller. */
  perMinute: number;
  /** Requests allowed at once before the sustained rate applies. */
  burst: number;
}

export const DEFAULT_WRITE_LIMIT: RateLimitOptions = { perMinute: 60, burst: 20 };
/** Enough for a person retyping a token, far too few for guessing one. */
export const DEFAULT_LOGIN_LIMIT: RateLimitOptions = { perMinute: 10, burst: 5 };

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per caller. Buckets live in this replica's memory: a limit applies per replica.
 * Returns undefined when the caller may go on, else the seconds to wait.
 */
export function tokenBuckets(options: RateLimitOptions): (key: string) => number | undefined {
  const buckets = new Map<string, Bucket>();
  const ratePerMs = options.perMinute / 60_000;
  return (key) => {
    const now = Date.now();
    const bucket = buckets.get(key) ?? { tokens: options.burst, updated: now };
    bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    buckets.set(key, bucket);
    if (buckets.size > 10_000) {
      // Forget full buckets first; they carry no information.
      for (const [k, b] of buckets) if (b.tokens >= options.burst) buckets.delete(k);
    }
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / ratePerMs / 1000);
    bucket.tokens -= 1;
    return undefined;
  };
}

/** Answers 429 with Retry-After; true when it did. */
export function refuseRate(res: Response, waitSeconds: number | undefined, what: string): boolean {
  if (waitSeconds === undefined) return false;
  res.set('Retry-After', String(waitSeconds));
  sendError(res, 429, 'rate_limited', `${what} Try again in ${waitSeconds} s.`);
  return true;
}

/** Limits writes per caller, so one user (or a runaway script) cannot flood the API server through Dialtone. */
export function limitWrites(
  keyOf: (req: Request, res: Response) => string,
  options: RateLimitOptions = DEFAULT_WRITE_LIMIT,
) {
  const take = tokenBuckets(options);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (refuseRate(res, take(keyOf(req, res)), 'Too many changes in a short time.')) return;
    next();
  };
}
