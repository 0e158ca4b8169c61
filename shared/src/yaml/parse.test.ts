import { describe, expect, it } from 'vitest';
import { parseYaml } from './index.js';

const TRANSPORT = `# Dialer settings for the backends
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: backend
  namespace: default
spec:
  dialTimeout: 30s
  terminationDelay: 100ms
  tls:
    insecureSkipVerify: false
    rootCAs:
    - secret: ca
`;

describe('parseYaml', () => {
  it('reads a manifest into the value kubectl would send, with no findings', () => {
    const [doc, ...rest] = parseYaml(TRANSPORT, { source: 'transport.yaml' });
    expect(rest).toEqual([]);
    expect(doc).toMatchObject({ index: 0, source: 'transport.yaml', fatal: false, diagnostics: [] });
    expect(doc?.value).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 'backend', namespace: 'default' },
      spec: {
        dialTimeout: '30s',
        terminationDelay: '100ms',
        tls: { insecureSkipVerify: false, rootCAs: [{ secret: 'ca' }] },
      },
    });
  });

  it('leaves out `source` when no file name was given', () => {
    const [doc] = parseYaml('a: 1\n');
    expect(doc && 'source' in doc).toBe(false);
  });

  it('skips empty documents but keeps their place in the stream', () => {
    const docs = parseYaml('a: 1\n---\n---\n# nothing here\n---\nb: 2\n---\n');
    expect(docs.map((doc) => [doc.index, doc.value])).toEqual([
      [0, { a: 1 }],
      [3, { b: 2 }],
    ]);
  });

  it('returns no documents for text that is only comments or blank', () => {
    expect(parseYaml('# just a note\n# and another\n')).toEqual([]);
    expect(parseYaml('')).toEqual([]);
    expect(parseYaml('\n\n')).toEqual([]);
  });

  it('keeps an explicit null document, which is not the same as an empty one', () => {
    const docs = parseYaml('--- ~\n');
    expect(docs.map((doc) => [doc.index, doc.value])).toEqual([[0, null]]);
  });

  it('reads the YAML 1.2 core values both parsers agree on without warnings', () => {
    const [doc] = parseYaml(
      'a: true\nb: False\nc: TRUE\nd: null\ne: ~\nf: NULL\ng: 42\nh: -7\ni: 1.5\nj: 1e3\nk: 0x1f\nl: 0o17\nm: .inf\np: text\nq:\n',
    );
    expect(doc?.diagnostics).toEqual([]);
    expect(doc?.value).toEqual({
      a: true,
      b: false,
      c: true,
      d: null,
      e: null,
      f: null,
      g: 42,
      h: -7,
      i: 1.5,
      j: 1000,
      k: 31,
      l: 15,
      m: Infinity,
      p: 'text',
      q: null,
    });
  });

  it('reports the line and column of findings in later documents of the stream', () => {
    const docs = parseYaml('a: 1\n---\nb: 2\nb: 3\n');
    expect(docs[0]?.fatal).toBe(false);
    expect(docs[1]?.diagnostics).toMatchObject([{ code: 'yaml.duplicate-key', line: 4, column: 1 }]);
  });

  it('does not let a fatal document spoil the others', () => {
    const docs = parseYaml('a: *nothing\n---\nb: 2\n');
    expect(docs.map((doc) => [doc.index, doc.fatal, doc.value])).toEqual([
      [0, true, undefined],
      [1, false, { b: 2 }],
    ]);
  });

  it('gives a `__proto__` key as an ordinary property, not a prototype', () => {
    const [doc] = parseYaml('__proto__:\n  polluted: true\n');
    const value = doc?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names map keys as kubectl does, so `on:` becomes "true"', () => {
    const [doc] = parseYaml('on: push\n0777: octal\n');
    expect(doc?.value).toEqual({ true: 'push', 511: 'octal' });
  });
});
