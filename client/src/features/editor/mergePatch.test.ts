import { describe, expect, it } from 'vitest';
import { mergePatch, transportPatch } from './mergePatch';

describe('merge patch', () => {
  it('says only what changed, null for what was removed', () => {
    expect(
      mergePatch(
        { spec: { dialTimeout: '5s', proxyProtocol: { version: 2 }, tls: { serverName: 'a' } } },
        { spec: { dialTimeout: '9s', tls: { serverName: 'a' } } },
      ),
    ).toEqual({ spec: { dialTimeout: '9s', proxyProtocol: null } });
  });

  it('names the object, as kustomize needs to find it', () => {
    const before = { metadata: { name: 'x', namespace: 'demo' }, spec: { dialTimeout: '5s' } };
    const after = { metadata: { name: 'x', namespace: 'demo' }, spec: { dialTimeout: '1s' } };
    expect(transportPatch(before, after)).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 'x', namespace: 'demo' },
      spec: { dialTimeout: '1s' },
    });
  });
});
