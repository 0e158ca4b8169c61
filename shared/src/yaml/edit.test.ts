import { describe, expect, it } from 'vitest';
import type { Document } from 'yaml';
import { deleteIn, getIn, parseYaml, printDocument, setIn } from './index.js';

const SOURCE = `# Transport for the payments backends
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: payments # owned by the payments team
spec:
  # Slow dials mean the backend is down; fail fast.
  dialTimeout: 5s
  terminationDelay: 100ms
  tls:
    serverName: payments.internal
    rootCAs:
    - secret: payments-ca
`;

function parsed(text = SOURCE): Document {
  const [doc] = parseYaml(text);
  if (!doc || doc.fatal) throw new Error('fixture must parse');
  return doc.document;
}

describe('setIn', () => {
  it('changes a value in place, keeping comments, quoting style and key order', () => {
    const doc = parsed();
    setIn(doc, ['spec', 'dialTimeout'], '10s');
    setIn(doc, ['metadata', 'name'], 'billing');
    expect(printDocument(doc)).toBe(SOURCE.replace('5s', '10s').replace('payments #', 'billing #'));
  });

  it('appends new keys at the end and creates missing maps on the way', () => {
    const doc = parsed();
    setIn(doc, ['spec', 'dialKeepAlive'], '15s');
    setIn(doc, ['metadata', 'labels', 'team'], 'payments');
    expect(printDocument(doc)).toBe(`# Transport for the payments backends
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: payments # owned by the payments team
  labels:
    team: payments
spec:
  # Slow dials mean the backend is down; fail fast.
  dialTimeout: 5s
  terminationDelay: 100ms
  tls:
    serverName: payments.internal
    rootCAs:
    - secret: payments-ca
  dialKeepAlive: 15s
`);
  });

  it('quotes new text that kubectl would otherwise read as a boolean or a number', () => {
    const doc = parsed('spec:\n  tls:\n    serverName: a\n');
    setIn(doc, ['spec', 'tls', 'serverName'], 'yes');
    setIn(doc, ['spec', 'tls', 'peerCertURI'], '0777');
    setIn(doc, ['spec', 'tls', 'insecureSkipVerify'], true);
    expect(printDocument(doc)).toBe(
      'spec:\n  tls:\n    serverName: "yes"\n    peerCertURI: "0777"\n    insecureSkipVerify: true\n',
    );
  });

  it('replaces an empty value with a map, and adds to lists by index', () => {
    const doc = parsed('spec:\n  tls:\n');
    setIn(doc, ['spec', 'tls', 'rootCAs', 0, 'secret'], 'ca');
    setIn(doc, ['spec', 'tls', 'rootCAs', 1], { configMap: 'ca-2' });
    expect(printDocument(doc)).toBe(
      'spec:\n  tls:\n    rootCAs:\n      - secret: ca\n      - configMap: ca-2\n',
    );
    expect(getIn(doc, ['spec', 'tls', 'rootCAs'])).toEqual([{ secret: 'ca' }, { configMap: 'ca-2' }]);
  });

  it('refuses an index past the end of a list', () => {
    const doc = parsed('items: [a]\n');
    expect(() => setIn(doc, ['items', 3], 'b')).toThrow(RangeError);
  });

  it('leaves untouched ambiguous scalars exactly as written', () => {
    const text = 'mode: 0777\nenabled: yes\ntime: 1:30\nhex: 0x1F\nother: 1\n';
    const doc = parsed(text);
    setIn(doc, ['other'], 2);
    expect(printDocument(doc)).toBe(text.replace('other: 1', 'other: 2'));
  });
});

describe('deleteIn', () => {
  it('removes the key and its own comment, keeping everything else', () => {
    const doc = parsed();
    deleteIn(doc, ['spec', 'dialTimeout']);
    deleteIn(doc, ['spec', 'tls', 'rootCAs', 0]);
    expect(printDocument(doc)).toBe(`# Transport for the payments backends
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: payments # owned by the payments team
spec:
  terminationDelay: 100ms
  tls:
    serverName: payments.internal
    rootCAs: []
`);
  });

  it('ignores paths that do not exist', () => {
    const doc = parsed();
    deleteIn(doc, ['spec', 'nothing', 'here']);
    deleteIn(doc, ['status']);
    expect(printDocument(doc)).toBe(SOURCE);
  });
});

describe('getIn', () => {
  it('returns what kubectl would send, as plain values', () => {
    const doc = parsed('spec:\n  mode: 0777\n  flag: on\n  tls: {serverName: x}\n');
    expect(getIn(doc, ['spec', 'mode'])).toBe(511);
    expect(getIn(doc, ['spec', 'flag'])).toBe(true);
    expect(getIn(doc, ['spec', 'tls'])).toEqual({ serverName: 'x' });
    expect(getIn(doc, ['spec', 'missing'])).toBeUndefined();
  });
});
