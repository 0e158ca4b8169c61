import { describe, expect, it } from 'vitest';
import { revealText } from './revealText';

describe('revealText', () => {
  it('leaves ordinary names alone', () => {
    expect(revealText('tls-backend')).toEqual([{ text: 'tls-backend' }]);
  });

  it('names bidi overrides and zero-width characters', () => {
    expect(revealText('a\u202Eb\u200Bc')).toEqual([
      { text: 'a' },
      { hidden: '\u202E', code: 'U+202E' },
      { text: 'b' },
      { hidden: '\u200B', code: 'U+200B' },
      { text: 'c' },
    ]);
    expect(revealText('\uFEFFx')).toEqual([{ hidden: '\uFEFF', code: 'U+FEFF' }, { text: 'x' }]);
  });

  it('keeps markup as text', () => {
    expect(revealText('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>' }]);
  });
});
