import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration, readTraefikDuration } from './index.js';

describe('readTraefikDuration (paerser semantics)', () => {
  it('reads bare integers and digit strings as seconds', () => {
    expect(readTraefikDuration(100)).toMatchObject({ nanos: 100_000_000_000n, bareSeconds: true });
    expect(readTraefikDuration('30')).toMatchObject({ nanos: 30_000_000_000n, bareSeconds: true });
    expect(readTraefikDuration(-1)).toMatchObject({ nanos: -1_000_000_000n });
  });

  it('keeps 0 with an error when Go cannot parse a pattern-valid string', () => {
    const reading = readTraefikDuration('1s30');
    expect(reading.nanos).toBe(0n);
    expect(reading.error).toBe('time: missing unit in duration "1s30"');
  });

  it('wraps a digit string that overflows once multiplied by a second, as Go does', () => {
    const reading = readTraefikDuration('9999999999');
    expect(reading.wrapped).toBe(true);
    expect(reading.nanos).toBe(-8446744074709551616n);
  });

  it('flags integers outside int32, which Traefik cannot decode', () => {
    expect(readTraefikDuration(3_000_000_000).outsideInt32).toBe(true);
    expect(readTraefikDuration(2_147_483_647).outsideInt32).toBe(false);
  });
});

describe('Go durations', () => {
  it('parse every unit, both micro signs, and fractions', () => {
    expect(parseGoDuration('1h2m3s4ms5us6ns')).toEqual({ ok: true, nanos: 3_723_004_005_006n });
    expect(parseGoDuration('500µs')).toEqual({ ok: true, nanos: 500_000n });
    expect(parseGoDuration('500μs')).toEqual({ ok: true, nanos: 500_000n });
    expect(parseGoDuration('1.5s')).toEqual({ ok: true, nanos: 1_500_000_000n });
    expect(parseGoDuration('1d')).toEqual({ ok: false, error: 'time: unknown unit "d" in duration "1d"' });
    expect(parseGoDuration('99999999999h').ok).toBe(false);
  });

  it('print like Duration.String', () => {
    expect(formatGoDuration(3_723_004_005_006n)).toBe('1h2m3.004005006s');
    expect(formatGoDuration(100_000_000n)).toBe('100ms');
    expect(formatGoDuration(0n)).toBe('0s');
    expect(formatGoDuration(-1_000_000_000n)).toBe('-1s');
    expect(formatGoDuration(1_800_000_000_000n)).toBe('30m0s');
    expect(formatGoDuration(1_500n)).toBe('1.5µs');
  });
});
