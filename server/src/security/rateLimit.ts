import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../http/index.js';

export interface RateLimitOptions {
  /** Sustained writes per minute for one identity. */
  perMinute: number;
  /** Writes allowed at once before the sustained rate applies. */
  burst: number;
}

export const DEFAULT_WRITE_LIMIT: RateLimitOptions = { perMinute: 60, burst: 20 };

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per caller for writes, so one user (or a runaway script) cannot flood the API
 * server through Dialtone. Buckets live in this replica's memory: the limit applies per replica.
 */
export function limitWrites(
  keyOf: (req: Request, res: Response) => string,
  options: RateLimitOptions = DEFAULT_WRITE_LIMIT,
) {
  const buckets = new Map<string, Bucket>();
  const ratePerMs = options.perMinute / 60_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const now = Date.now();
    const key = keyOf(req, res);
    const bucket = buckets.get(key) ?? { tokens: options.burst, updated: now };
    bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    buckets.set(key, bucket);
    if (buckets.size > 10_000) {
      // Forget full buckets first; they carry no information.
      for (const [k, b] of buckets) if (b.tokens >= options.burst) buckets.delete(k);
    }
    if (bucket.tokens < 1) {
      const waitSeconds = Math.ceil((1 - bucket.tokens) / ratePerMs / 1000);
      res.set('Retry-After', String(waitSeconds));
      sendError(res, 429, 'rate_limited', `Too many changes in a short time. Try again in ${waitSeconds} s.`);
      return;
    }
    bucket.tokens -= 1;
    next();
  };
}
