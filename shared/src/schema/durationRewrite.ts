/**
 * What to write instead of a duration the API server refuses (`1.5s`) or Go cannot parse (`1m30`):
 * the same length of time in Go's syntax, never the raw pattern.
 */

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** A number written after a unit most likely counts the next smaller one: 1m30 is 1m30s. */
const NEXT_SMALLER: Readonly<Record<string, string>> = {
  h: 'm',
  m: 's',
  s: 'ms',
  ms: 'us',
  us: 'ns',
  µs: 'ns',
};

/** Largest first, for the one-unit form: 90s rather than 90000ms. */
const SINGLE_UNITS = ['h', 'm', 's', 'ms', 'us', 'ns'] as const;

const GROUP = /(\d+)(?:\.(\d+))?(ns|us|µs|ms|s|m|h)?/gy;

/**
 * Up to two rewrites of a duration, each a string the API server and Go both read as the length
 * of time the writer most likely meant: every number with its unit ("1m30s"), and one unit ("90s",
 * "1500ms"). Empty when the text is not a duration with a recognisable mistake.
 */
export function durationRewrites(raw: string): string[] {
  const text = raw.replace(/\s+/g, '').toLowerCase();
  if (text === '' || /^\d+$/.test(text)) return [];
  GROUP.lastIndex = 0;
  const groups: { whole: string; fraction: string | undefined; unit: string }[] = [];
  let previous: string | undefined;
  for (let match = GROUP.exec(text); match; match = GROUP.exec(text)) {
    const [, whole = '', fraction, written] = match;
    const unit = written ?? (previous ? NEXT_SMALLER[previous] : undefined);
    // A bare number is only guessed after a unit, and only as the last group.
    if (!unit || (!written && GROUP.lastIndex !== text.length)) return [];
    groups.push({ whole, fraction, unit });
    previous = unit;
    if (GROUP.lastIndex === text.length) break;
  }
  if (groups.length === 0 || GROUP.lastIndex !== text.length) return [];

  let nanos = 0n;
  for (const { whole, fraction = '', unit } of groups) {
    const scale = UNIT_NANOS[unit]!;
    const part = BigInt(whole + fraction) * scale;
    const divisor = 10n ** BigInt(fraction.length);
    // Finer than a nanosecond has no spelling.
    if (part % divisor !== 0n) return [];
    nanos += part / divisor;
  }
  const out: string[] = [];
  if (groups.every((g) => g.fraction === undefined))
    out.push(groups.map((g) => `${g.whole}${g.unit}`).join(''));
  const single = SINGLE_UNITS.find((unit) => nanos % UNIT_NANOS[unit]! === 0n) ?? 'ns';
  out.push(`${String(nanos / UNIT_NANOS[single]!)}${single}`);
  return [...new Set(out)].filter((rewrite) => rewrite !== raw);
}

/** "Write "1m30s" or "90s"", or undefined when there is no rewrite to offer. */
export function durationRewriteHint(raw: string): string | undefined {
  const rewrites = durationRewrites(raw);
  if (rewrites.length === 0) return undefined;
  return `Write ${rewrites.map((r) => `"${r}"`).join(' or ')}.`;
}
