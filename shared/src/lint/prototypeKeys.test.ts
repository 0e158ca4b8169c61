import { describe, expect, it } from 'vitest';
import { validateObject } from '../validation/index.js';
import { lintDocuments } from './index.js';

const HEADER = 'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: x\n';

describe('prototype pollution: field names that are members of Object.prototype', () => {
  it.each([
    ['spec.constructor', 'spec:\n  constructor: 1\n', '/spec/constructor'],
    ['spec.toString', 'spec:\n  toString: a\n', '/spec/toString'],
    ['spec.tls.hasOwnProperty', 'spec:\n  tls:\n    hasOwnProperty: b\n', '/spec/tls/hasOwnProperty'],
    ['spec.__proto__', 'spec:\n  __proto__:\n    dialTimeout: 1s\n', '/spec/__proto__'],
    ['metadata.valueOf', 'spec: {}\n', '/metadata/valueOf'],
  ])('lint refuses %s as an unknown field', (_field, body, path) => {
    const text = path === '/metadata/valueOf' ? HEADER + '  valueOf: x\n' + body : HEADER + body;
    const [document] = lintDocuments([{ source: 'x.yaml', text }]).documents;
    expect(document?.valid).toBe(false);
    expect(document?.diagnostics).toContainEqual(
      expect.objectContaining({ code: expect.stringMatching(/unknown-field$/), path, severity: 'error' }),
    );
  });

  it('strict validation refuses the same keys in a JSON body, and Object.prototype stays as it was', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const body = JSON.parse(
      '{"apiVersion":"traefik.io/v1alpha1","kind":"ServersTransportTCP","metadata":{"name":"x"},' +
        '"spec":{"constructor":{},"__proto__":{"x":1},"tls":{"hasOwnProperty":true}}}',
    ) as unknown;
    const paths = validateObject(body)
      .diagnostics.filter((d) => d.code === 'schema.unknown-field')
      .map((d) => d.path);
    expect(paths.sort()).toEqual(['/spec/__proto__', '/spec/constructor', '/spec/tls/hasOwnProperty']);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });
});
