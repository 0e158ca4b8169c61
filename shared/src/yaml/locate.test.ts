import { describe, expect, it } from 'vitest';
import { parseYaml } from './index.js';

const STREAM = `kind: Other
---
# second document
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: backend
spec:
  tls:
    rootCAs:
    - secret: ca-1
    - configMap: ca-2
  empty:
  "a/b~c": escaped
`;

describe('locate', () => {
  const docs = parseYaml(STREAM);
  const second = docs[1];
  if (!second) throw new Error('expected two documents');

  it('finds values and keys in the second document of a stream', () => {
    expect(second.index).toBe(1);
    expect(second.locate('/kind')).toEqual({ line: 5, column: 7 });
    expect(second.locate('/kind', 'key')).toEqual({ line: 5, column: 1 });
    expect(second.locate('/metadata/name')).toEqual({ line: 7, column: 9 });
    expect(second.locate('/metadata/name', 'key')).toEqual({ line: 7, column: 3 });
  });

  it('finds list items and fields inside them', () => {
    expect(second.locate('/spec/tls/rootCAs/1')).toEqual({ line: 12, column: 7 });
    expect(second.locate('/spec/tls/rootCAs/1/configMap', 'key')).toEqual({ line: 12, column: 7 });
    expect(second.locate('/spec/tls/rootCAs/1/configMap')).toEqual({ line: 12, column: 18 });
  });

  it('points the root pointer at the first line of content', () => {
    expect(second.locate('')).toEqual({ line: 4, column: 1 });
  });

  it('points an empty value just after its key', () => {
    expect(second.locate('/spec/empty')).toEqual({ line: 13, column: 9 });
  });

  it('decodes ~0 and ~1 in pointers', () => {
    expect(second.locate('/spec/a~1b~0c', 'key')).toEqual({ line: 14, column: 3 });
  });

  it('locates a block map or list at its key, since its content starts on the next line', () => {
    expect(second.locate('/spec/tls')).toEqual({ line: 9, column: 3 });
    expect(second.locate('/spec/tls/rootCAs')).toEqual({ line: 10, column: 5 });
  });

  it('falls back to the nearest existing ancestor for missing pointers', () => {
    // A missing top-level field points at the start of the document's content.
    expect(second.locate('/status')).toEqual({ line: 4, column: 1 });
    // A missing nested field points at the key of the map that should hold it.
    expect(second.locate('/spec/tls/serverName')).toEqual({ line: 9, column: 3 });
    expect(second.locate('/spec/tls/serverName', 'key')).toEqual({ line: 9, column: 3 });
    // An index past the end points at the list.
    expect(second.locate('/spec/tls/rootCAs/7/secret')).toEqual({ line: 10, column: 5 });
  });

  it('locates a flow collection at its opening bracket', () => {
    const [doc] = parseYaml('spec:\n  tls: {serverName: x}\n');
    expect(doc?.locate('/spec/tls')).toEqual({ line: 2, column: 8 });
  });

  it('positions the first document independently', () => {
    expect(docs[0]?.locate('/kind')).toEqual({ line: 1, column: 7 });
  });

  it('returns undefined for text that is not a JSON pointer', () => {
    expect(second.locate('spec/tls')).toBeUndefined();
  });
});
