import { describe, expect, it } from 'vitest';
import { Backoff, REFLECTOR_BACKOFF } from './backoff.js';

describe('the reconnect backoff', () => {
  it('E-41: doubles from 0.8 s, adds up to as much again in jitter, and stops at 30 s', () => {
    let now = 0;
    const low = new Backoff(
      REFLECTOR_BACKOFF,
      () => 0,
      () => (now += 1000),
    );
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => low.next())).toEqual([
      800, 1600, 3200, 6400, 12800, 25600, 30000, 30000,
    ]);
    const high = new Backoff(
      REFLECTOR_BACKOFF,
      () => 0.999,
      () => (now += 1000),
    );
    expect(high.next()).toBeCloseTo(1599.2);
    expect(high.next()).toBeCloseTo(3198.4);
  });

  it('E-41: keeps the rate of attempts under one a second while the server stays down', () => {
    let now = 0;
    const backoff = new Backoff(REFLECTOR_BACKOFF, Math.random, () => now);
    let attempts = 0;
    while (now < 10 * 60_000) {
      now += backoff.next();
      attempts += 1;
    }
    expect(attempts / 600).toBeLessThan(1);
  });

  it('starts over after two minutes without a failure', () => {
    let now = 0;
    const backoff = new Backoff(
      REFLECTOR_BACKOFF,
      () => 0,
      () => now,
    );
    backoff.next();
    backoff.next();
    now += 121_000;
    expect(backoff.next()).toBe(800);
  });
});
