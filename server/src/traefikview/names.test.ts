import { describe, expect, it } from 'vitest';
import type { IngressRouteTCP } from '@dialtone/shared';
import { OriginIndex, qualify, routeEntryNames } from './names.js';

function route(namespace: string, name: string, routes: IngressRouteTCP['spec']['routes']): IngressRouteTCP {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { namespace, name },
    spec: { routes },
  };
}

describe("Traefik's names for the routers and services of an IngressRouteTCP", () => {
  it('hashes the match as makeServiceKey does (first 10 bytes of SHA-256, in hex)', () => {
    // Printed by Go: fmt.Sprintf("%s-%.10x", "r", sha256.Sum("HostSNI(`*`)")).
    const [names] = routeEntryNames(
      route('demo', 'r', [{ match: 'HostSNI(`*`)', services: [{ name: 's', port: 80 }] }]),
    );
    expect(names?.router).toBe('demo-r-673acf455cb2dab0b43a@kubernetescrd');
    expect(names?.services).toEqual(['demo-r-673acf455cb2dab0b43a@kubernetescrd']);
  });

  it('names the children of a route entry with several services after the service and port', () => {
    const [names] = routeEntryNames(
      route('demo', 'r', [
        {
          match: 'HostSNI(`*`)',
          services: [
            { name: 'a', port: 80 },
            { name: 'b', port: 'https' },
          ],
        },
      ]),
    );
    expect(names?.services).toEqual([
      'demo-r-673acf455cb2dab0b43a-a-80@kubernetescrd',
      'demo-r-673acf455cb2dab0b43a-b-https@kubernetescrd',
    ]);
  });

  it('skips entries without a match, as Traefik does, and keeps each entry index', () => {
    const all = routeEntryNames(
      route('demo', 'r', [
        { match: '', services: [] },
        { match: 'HostSNI(`*`)', services: [] },
      ]),
    );
    expect(all.map((n) => n.origin.routeIndex)).toEqual([1]);
  });

  it('maps names back to routes computed forward, so dashes in namespace and name are never ambiguous', () => {
    const index = new OriginIndex([
      route('a-b', 'c', [{ match: 'HostSNI(`*`)', services: [] }]),
      route('a', 'b-c', [{ match: 'HostSNI(`*`)', services: [] }]),
    ]);
    // Both are "a-b-c-<hash>": Traefik itself lets the later one win; Dialtone names the last route it saw.
    expect(index.originOf('a-b-c-673acf455cb2dab0b43a@kubernetescrd')).toBeDefined();
    expect(index.originOf('unknown@kubernetescrd')).toBeUndefined();
  });

  it('qualifies a name with its provider only when it has none', () => {
    expect(qualify('demo-x', 'kubernetescrd')).toBe('demo-x@kubernetescrd');
    expect(qualify('x@file', 'kubernetescrd')).toBe('x@file');
    expect(qualify('x', undefined)).toBe('x@kubernetescrd');
  });
});
