export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values: a benchmark took no samples');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Milliseconds one call takes. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Each contender once as warm-up, then `rounds` rounds in which every contender runs once, the
 * order alternating between rounds so that both sides see the same machine noise; the medians.
 * `before` runs untimed ahead of each timed call (a write that empties a cache, say).
 */
export async function interleaved<K extends string>(
  rounds: number,
  contenders: Record<K, () => unknown>,
  before?: Partial<Record<K, () => unknown>>,
): Promise<{ medians: Record<K, number>; samples: Record<K, number[]> }> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (const name of names) {
    await before?.[name]?.();
    await contenders[name]();
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      await before?.[name]?.();
      samples[name].push(await timed(contenders[name]));
    }
  }
  const medians = Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<K, number>;
  return { medians, samples };
}

/** Synchronous work: the median of `runs` timed runs after one warm-up run. */
export function medianMs(runs: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
