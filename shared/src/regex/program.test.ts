import { describe, expect, it } from 'vitest';
import { compileRegex, RegexSyntaxError } from './index.js';

const DURATION = '^([0-9]+(ns|us|µs|ms|s|m|h)?)+$';

describe('compileRegex', () => {
  it('accepts and rejects durations exactly as the CRD pattern does', () => {
    const re = compileRegex(DURATION);
    for (const ok of ['30s', '1h2m3s4ms5us6ns', '100', '1s30', '500µs', '0'])
      expect(re.test(ok), ok).toBe(true);
    for (const bad of ['', ' 30s', '-1s', '1d', 'abc', '500μs', '30S', '1.5s', '30s ']) {
      expect(re.test(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('answers a hostile input at once where a backtracking engine would hang', () => {
    const re = compileRegex(DURATION);
    const hostile = '1'.repeat(5000) + 'x';
    const started = performance.now();
    expect(re.test(hostile)).toBe(false);
    // A backtracking engine needs seconds for 28 digits; the automaton reads 5,000 in one pass.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('searches unanchored like Go regexp.MatchString, and honours anchors, classes and counts', () => {
    expect(compileRegex('b+').test('aaabbb')).toBe(true);
    expect(compileRegex('^b').test('ab')).toBe(false);
    expect(compileRegex('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$').test('my-name')).toBe(true);
    expect(compileRegex('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$').test('-name')).toBe(false);
    expect(compileRegex('^a{2,3}$').test('aaaa')).toBe(false);
    expect(compileRegex('^a{2,3}$').test('aaa')).toBe(true);
    expect(compileRegex('^[^.]+\\.(?:com|org)$').test('x.org')).toBe(true);
    expect(compileRegex('^\\d{3}$').test('12a')).toBe(false);
  });

  it('reports a pattern it cannot read instead of guessing', () => {
    expect(() => compileRegex('(a')).toThrow(RegexSyntaxError);
    expect(() => compileRegex('a{5,2}')).toThrow(/maximum below its minimum/);
  });
});
