import { describe, expect, it } from 'vitest';
import { parseYaml } from './index.js';

function codes(text: string, options?: { maxBytes?: number }): string[] {
  return parseYaml(text, options).flatMap((doc) => doc.diagnostics.map((d) => d.code));
}

describe('billion laughs', () => {
  const lols = (name: string, ref: string): string => `${name}: &${name} [${Array(9).fill(ref).join(',')}]\n`;
  const text =
    lols('a', '"lol"') +
    ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => lols(name, `*${'abcdefgh'[i] ?? ''}`)).join('');

  it('is rejected before any alias is expanded, quickly and without growing the heap', () => {
    // 9^9 = 387 million "lol"s if expanded.
    expect(text.length).toBeLessThan(500);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const [doc] = parseYaml(text);
    const elapsed = performance.now() - started;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

    expect(elapsed).toBeLessThan(250);
    expect(heapGrowth).toBeLessThan(50 * 1024 * 1024);
    expect(doc?.fatal).toBe(true);
    expect(doc?.value).toBeUndefined();
    expect(doc?.diagnostics.every((d) => d.code === 'yaml.anchor-alias' && d.severity === 'error')).toBe(
      true,
    );
    expect(doc?.diagnostics[0]).toMatchObject({ line: 1, column: 4, path: '/a' });
  });

  it('reports each anchor, and each aliased name once, at the alias', () => {
    const [doc] = parseYaml(text);
    const aliases = doc?.diagnostics.filter((d) => d.message.includes('alias')) ?? [];
    expect(aliases).toHaveLength(8);
    expect(aliases[0]).toMatchObject({ line: 2, column: 8, path: '/b/0' });
    expect(doc?.diagnostics.filter((d) => d.message.includes('anchor &'))).toHaveLength(9);
  });
});

describe('syntax errors', () => {
  it('points at a tab used for indentation', () => {
    const [doc] = parseYaml('spec:\n  a: 1\n\tb: 2\n');
    expect(doc?.fatal).toBe(true);
    expect(doc?.diagnostics).toMatchObject([{ severity: 'error', code: 'yaml.syntax', line: 3, column: 1 }]);
    expect(doc?.diagnostics[0]?.message).toMatch(/tabs are not allowed as indentation/i);
  });

  it('points at the opening of an unclosed quote, not at the end of the file', () => {
    const [doc] = parseYaml('metadata:\n  name: "backend\nspec:\n  dialTimeout: 30s\n');
    expect(doc?.fatal).toBe(true);
    expect(doc?.diagnostics).toMatchObject([{ code: 'yaml.syntax', line: 2, column: 9 }]);
    expect(doc?.diagnostics[0]?.message).toMatch(/never closed.*closing "/);
  });

  it('reports bad indentation with the parser reason', () => {
    const [doc] = parseYaml('a:\n  b: 1\n c: 2\n');
    expect(doc?.diagnostics).toMatchObject([{ code: 'yaml.syntax', line: 3 }]);
    expect(doc?.diagnostics[0]?.message).toMatch(/same column/);
  });
});

describe('duplicate keys', () => {
  it('names the key and the line where it first appeared', () => {
    const [doc] = parseYaml('spec:\n  dialTimeout: 30s\n  tls: {}\n  dialTimeout: 5s\n');
    expect(doc?.fatal).toBe(true);
    expect(doc?.value).toBeUndefined();
    expect(doc?.diagnostics).toMatchObject([
      { severity: 'error', code: 'yaml.duplicate-key', path: '/spec/dialTimeout', line: 4, column: 3 },
    ]);
    expect(doc?.diagnostics[0]?.message).toContain('"dialTimeout"');
    expect(doc?.diagnostics[0]?.message).toContain('first on line 2');
  });

  it('counts keys that kubectl names the same as duplicates ("1" and 1, yes and true)', () => {
    expect(codes('"1": a\n1: b\n')).toEqual(['yaml.duplicate-key']);
    expect(codes('yes: a\n"true": b\n')).toEqual(['yaml.ambiguous-scalar', 'yaml.duplicate-key']);
  });
});

describe('tags', () => {
  it.each([
    ['!custom', 'a: !custom x\n'],
    ['!!binary', 'a: !!binary aGVsbG8=\n'],
    ['!!python/object:os.system', 'a: !!python/object:os.system {}\n'],
    ['!!str', 'a: !!str 0777\n'],
  ])('rejects %s at the tag', (tag, text) => {
    const [doc] = parseYaml(text);
    expect(doc?.fatal).toBe(true);
    expect(doc?.diagnostics).toMatchObject([
      { severity: 'error', code: 'yaml.tag', path: '/a', line: 1, column: 4 },
    ]);
    expect(doc?.diagnostics[0]?.message).toContain(tag);
  });
});

describe('keys kubectl cannot convert', () => {
  it('rejects null and collection keys', () => {
    expect(codes('~: a\n')).toEqual(['yaml.key-type']);
    expect(codes('? [a, b]\n: c\n')).toEqual(['yaml.key-type']);
  });
});

describe('limits', () => {
  it('rejects text over maxBytes at 1:1 without parsing it', () => {
    // Would be a syntax error if it were parsed at all.
    const docs = parseYaml('a: "unclosed\n'.repeat(10), { maxBytes: 64, source: 'big.yaml' });
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ index: 0, source: 'big.yaml', fatal: true, value: undefined });
    expect(docs[0]?.diagnostics).toMatchObject([
      { severity: 'error', code: 'yaml.too-large', path: '', line: 1, column: 1 },
    ]);
    expect(docs[0]?.locate('/spec')).toEqual({ line: 1, column: 1 });
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    const text = `a: ${'é'.repeat(40)}\n`; // 44 characters, 84 bytes
    expect(codes(text, { maxBytes: 60 })).toEqual(['yaml.too-large']);
    expect(codes(text, { maxBytes: 84 })).toEqual([]);
  });

  it('defaults to 1 MiB', () => {
    expect(codes(`a: ${'x'.repeat(1024 * 1024)}\n`)).toEqual(['yaml.too-large']);
  });

  it('rejects nesting deeper than 64 levels, and still reads the documents around it', () => {
    const deep = 'a:\n' + Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n') + '\n';
    const docs = parseYaml(`x: 1\n---\n${deep}---\ny: 2\n`);
    expect(docs.map((doc) => [doc.index, doc.fatal])).toEqual([
      [0, false],
      [1, true],
      [2, false],
    ]);
    expect(docs[1]?.diagnostics).toMatchObject([{ code: 'yaml.too-complex', line: 67 }]);
  });

  it('accepts exactly 64 levels of nesting and refuses 65', () => {
    const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels) + '\n';
    expect(codes(nested(64))).toEqual([]);
    expect(codes(nested(65))).toEqual(['yaml.too-complex']);
  });

  it('stops a runaway nesting early instead of parsing a megabyte of brackets', () => {
    const started = performance.now();
    const docs = parseYaml('ok: 1\n---\n' + '['.repeat(500_000) + ']'.repeat(500_000));
    expect(performance.now() - started).toBeLessThan(250);
    expect(docs.map((doc) => [doc.index, doc.fatal, doc.diagnostics[0]?.code])).toEqual([
      [0, false, undefined],
      [1, true, 'yaml.too-complex'],
    ]);
  });

  it('reads 10,000 documents and refuses the stream past that', () => {
    expect(parseYaml('a: 1\n---\n'.repeat(10_000)).every((doc) => !doc.fatal)).toBe(true);
    const docs = parseYaml('a: 1\n---\n'.repeat(10_001));
    expect(docs).toHaveLength(10_001);
    expect(docs[10_000]).toMatchObject({ index: 10_000, fatal: true });
    expect(docs[10_000]?.diagnostics[0]).toMatchObject({ code: 'yaml.too-complex', line: 20_000, column: 1 });
  });
});
