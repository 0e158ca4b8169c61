import { describe, expect, it } from 'vitest';
import { parseYaml, printDocument, printDocuments, stringifyObjects } from './index.js';

describe('printDocument', () => {
  it('reprints an unedited manifest exactly, in either list style', () => {
    const kubectlStyle = `apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: backend
  annotations:
    note: a long line of text that goes well past eighty characters and must never be folded onto two lines
spec:
  tls:
    rootCAs:
    - secret: ca
    certificatesSecrets: [a, b]
`;
    const indented = 'spec:\n  tls:\n    rootCAs:\n      - secret: ca # the CA\n';
    for (const text of [kubectlStyle, indented]) {
      const [doc] = parseYaml(text);
      expect(doc && printDocument(doc.document)).toBe(text);
    }
  });
});

describe('printDocuments', () => {
  it('joins documents with --- and keeps each one’s comments', () => {
    const text = '# first\na: 1\n---\n# second\nb: 2\n';
    expect(printDocuments(parseYaml(text).map((doc) => doc.document))).toBe(text);
  });

  it('does not double a --- the document already prints', () => {
    const text = '---\na: 1\n---\nb: 2\n';
    expect(printDocuments(parseYaml(text).map((doc) => doc.document))).toBe(text);
  });
});

describe('stringifyObjects', () => {
  it('writes one document per object with two-space indentation', () => {
    expect(stringifyObjects([{ kind: 'A', spec: { list: [1, { b: 2 }] } }, { kind: 'B' }])).toBe(
      'kind: A\nspec:\n  list:\n    - 1\n    - b: 2\n---\nkind: B\n',
    );
  });

  it('quotes strings kubectl would read as something else', () => {
    const text = stringifyObjects([
      { yes: 'yes', on: 'on', n: 'n', mode: '0777', bin: '0b1010', time: '1:30', nil: 'null', empty: '' },
    ]);
    expect(text).toBe(
      '"yes": "yes"\n"on": "on"\n"n": "n"\nmode: "0777"\nbin: "0b1010"\ntime: "1:30"\nnil: "null"\nempty: ""\n',
    );
    const [doc] = parseYaml(text);
    expect(doc?.diagnostics).toEqual([]);
    expect(doc?.value).toEqual({
      yes: 'yes',
      on: 'on',
      n: 'n',
      mode: '0777',
      bin: '0b1010',
      time: '1:30',
      nil: 'null',
      empty: '',
    });
  });

  it('leaves ordinary strings, numbers and booleans plain', () => {
    expect(stringifyObjects([{ a: 'backend', b: 30, c: 1.5, d: true, e: null, f: '30s' }])).toBe(
      'a: backend\nb: 30\nc: 1.5\nd: true\ne: null\nf: 30s\n',
    );
  });

  it('never folds long strings', () => {
    const long = 'word '.repeat(40).trim();
    expect(stringifyObjects([{ long }])).toBe(`long: ${long}\n`);
  });

  it('writes a shared object out twice instead of as an anchor and alias', () => {
    const labels = { app: 'web' };
    const text = stringifyObjects([{ a: labels, b: labels }]);
    expect(text).toBe('a:\n  app: web\nb:\n  app: web\n');
  });

  it('returns an empty string for no objects', () => {
    expect(stringifyObjects([])).toBe('');
  });
});
