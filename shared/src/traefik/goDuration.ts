/**
 * Go's time.ParseDuration and Duration.String, on BigInt nanoseconds so that overflow behaves
 * exactly as in Go (an error when parsing, two's-complement wrap-around when multiplying).
 */
const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu, accepted by Go but not by the CRD pattern
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);

export type GoDurationResult = { ok: true; nanos: bigint } | { ok: false; error: string };

export function parseGoDuration(input: string): GoDurationResult {
  const quoted = JSON.stringify(input);
  let s = input;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanos: 0n };
  if (s === '') return { ok: false, error: `time: invalid duration ${quoted}` };
  let total = 0n;
  while (s !== '') {
    const whole = /^[0-9]*/.exec(s)![0];
    s = s.slice(whole.length);
    let fraction = '';
    if (s.startsWith('.')) {
      fraction = /^\.[0-9]*/.exec(s)![0].slice(1);
      s = s.slice(fraction.length + 1);
    }
    if (whole === '' && fraction === '') return { ok: false, error: `time: invalid duration ${quoted}` };
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const scale = UNIT_NANOS[unit];
    if (scale === undefined)
      return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    s = s.slice(unit.length);
    const wholeValue = whole === '' ? 0n : BigInt(whole);
    if (wholeValue > INT64_MAX) return { ok: false, error: `time: invalid duration ${quoted}` };
    let value = wholeValue * scale;
    if (fraction !== '') {
      value += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    }
    total += value;
    if (total > INT64_MAX + (negative ? 1n : 0n))
      return { ok: false, error: `time: invalid duration ${quoted}` };
  }
  return { ok: true, nanos: negative ? -total : total };
}

/** Go's Duration.String: "1h2m3.004005006s", "100ms", "0s". */
export function formatGoDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const negative = nanos < 0n;
  let u = negative ? -nanos : nanos;
  const sign = negative ? '-' : '';
  if (u < 1_000_000_000n) {
    const [unit, scale] = u < 1_000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    return sign + fractional(u, scale) + unit;
  }
  const hours = u / 3_600_000_000_000n;
  u -= hours * 3_600_000_000_000n;
  const minutes = u / 60_000_000_000n;
  u -= minutes * 60_000_000_000n;
  let out = sign;
  if (hours > 0n) out += `${hours}h`;
  if (hours > 0n || minutes > 0n) out += `${minutes}m`;
  return out + fractional(u, 1_000_000_000n) + 's';
}

function fractional(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Two's-complement wrap of a product to int64, as Go's `time.Duration(v) * time.Second` does. */
export function wrapInt64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}
