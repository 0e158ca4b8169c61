import { describe, expect, it } from 'vitest';
import { durationRewriteHint, durationRewrites } from './durationRewrite.js';

describe('durationRewrites', () => {
  it.each([
    ['1.5s', ['1500ms']],
    ['0.5h', ['30m']],
    ['1m30', ['1m30s', '90s']],
    ['1h30', ['1h30m', '90m']],
    ['1s30', ['1s30ms', '1030ms']],
    ['30 S', ['30s']],
    ['1m30s', ['90s']],
  ])('%s becomes %j', (raw, expected) => {
    expect(durationRewrites(raw)).toEqual(expected);
  });

  it.each(['30', '', 'abc', '1.0000000001ns', '5x', '1m30s20x'])('offers nothing for %j', (raw) => {
    expect(durationRewrites(raw)).toEqual([]);
  });

  it('words the hint as what to write', () => {
    expect(durationRewriteHint('1.5s')).toBe('Write "1500ms".');
    expect(durationRewriteHint('1m30')).toBe('Write "1m30s" or "90s".');
  });
});
