import { describe, expect, it } from 'vitest';
import { describeDuration, durationValue } from './durationText';

describe('describeDuration', () => {
  it('says bare numbers are seconds', () => {
    expect(describeDuration('dialTimeout', 100)).toBe('100 → 1m40s (seconds!)');
    expect(describeDuration('terminationDelay', '100')).toBe('100 → 1m40s (seconds!)');
  });

  it("shows Traefik's default when unset and 0 on an unreadable value", () => {
    expect(describeDuration('dialTimeout', undefined)).toBe("unset → 30s (Traefik's default)");
    expect(describeDuration('terminationDelay', '')).toBe("unset → 100ms (Traefik's default)");
    expect(describeDuration('dialTimeout', '1s30')).toBe(
      '1s30 → 0 (Traefik cannot read it and uses 0, not its default)',
    );
  });

  it('normalizes unit strings', () => {
    expect(describeDuration('dialKeepAlive', '90s')).toBe('90s → 1m30s');
  });
});

describe('durationValue', () => {
  it('stores digits as integers and the rest as strings', () => {
    expect(durationValue(' 15 ')).toBe(15);
    expect(durationValue('-1')).toBe(-1);
    expect(durationValue('15s')).toBe('15s');
    expect(durationValue('')).toBeUndefined();
    expect(durationValue('99999999999')).toBe('99999999999');
  });
});
