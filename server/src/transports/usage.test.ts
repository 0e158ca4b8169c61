import { describe, expect, it } from 'vitest';
import type { IngressRouteTCP } from '@dialtone/shared';
import { usageOf, usagesById } from './usage.js';

function route(namespace: string, name: string, references: (string | undefined)[]): IngressRouteTCP {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { namespace, name },
    spec: {
      routes: [
        {
          match: 'HostSNI(`*`)',
          services: references.map((serversTransport, i) => ({
            name: `svc-${i}`,
            namespace: 'elsewhere',
            port: 443,
            tls: i === 0,
            ...(serversTransport === undefined ? {} : { serversTransport }),
          })),
        },
      ],
    },
  } as IngressRouteTCP;
}

describe('which routes use a transport, as Traefik resolves it', () => {
  const routes = [
    route('shop', 'web', ['db.tls', undefined, 'default@internal']),
    route('ops', 'admin', ['shop-db-tls@kubernetescrd', 'db.tls']),
  ];

  it('resolves a plain name in the route namespace, not the Service namespace, after normalization', () => {
    const byId = usagesById(routes, { allowCrossNamespace: true });
    // The second use is ops/admin's shop-db-tls@kubernetescrd, honoured with allowCrossNamespace.
    expect(usageOf(byId, 'shop', 'db.tls')).toEqual([
      {
        route: { namespace: 'shop', name: 'web' },
        routeIndex: 0,
        serviceIndex: 0,
        service: { namespace: 'elsewhere', name: 'svc-0', port: 443 },
        tls: true,
        reference: 'db.tls',
      },
      expect.objectContaining({ route: { namespace: 'ops', name: 'admin' } }),
    ]);
    expect(usageOf(byId, 'ops', 'db.tls')).toHaveLength(1);
    expect(usageOf(byId, 'elsewhere', 'db.tls')).toEqual([]);
    expect(byId.get('default@internal')).toHaveLength(2);
  });

  it('honours Services in other namespaces and the @kubernetescrd form only with allowCrossNamespace', () => {
    // Every service here names a Service in namespace "elsewhere": Traefik builds none of them by default.
    expect(usagesById(routes, { allowCrossNamespace: false }).size).toBe(0);
    const local = route('shop', 'local', ['db.tls', 'shop-db-tls@kubernetescrd']);
    for (const service of local.spec.routes[0]!.services!) delete service.namespace;
    const strict = usageOf(usagesById([local], { allowCrossNamespace: false }), 'shop', 'db.tls');
    expect(strict.map((u) => u.reference)).toEqual(['db.tls']);
    const allowed = usageOf(usagesById(routes, { allowCrossNamespace: true }), 'shop', 'db.tls');
    expect(allowed.map((u) => u.route.name)).toEqual(['web', 'admin']);
  });

  it('keeps nativeLB and nodePortLB, which decide the addresses Traefik dials', () => {
    const local = route('shop', 'lb', ['db.tls']);
    Object.assign(local.spec.routes[0]!.services![0]!, {
      namespace: 'shop',
      nativeLB: true,
      nodePortLB: false,
    });
    const [usage] = usageOf(usagesById([local], { allowCrossNamespace: false }), 'shop', 'db.tls');
    expect(usage).toMatchObject({ nativeLB: true, nodePortLB: false });
  });

  it('leaves out what the provider never builds: other namespaces in crossProviderNamespaces, other ingress classes, empty matches', () => {
    const local = route('shop', 'local', ['shop-db-tls@kubernetescrd']);
    for (const service of local.spec.routes[0]!.services!) delete service.namespace;
    const open = { allowCrossNamespace: true };
    expect(usageOf(usagesById([local], open), 'shop', 'db.tls')).toHaveLength(1);
    const listed = { ...open, crossProviderNamespaces: ['shop'] };
    expect(usageOf(usagesById([local], listed), 'shop', 'db.tls')).toHaveLength(1);
    const none = { ...open, crossProviderNamespaces: [] };
    expect(usageOf(usagesById([local], none), 'shop', 'db.tls')).toEqual([]);

    const plain = route('shop', 'plain', ['db.tls']);
    for (const service of plain.spec.routes[0]!.services!) delete service.namespace;
    const classed = { ...plain, spec: { ...plain.spec, ingressClassName: 'internal' } };
    expect(usageOf(usagesById([classed], {}), 'shop', 'db.tls')).toEqual([]);
    expect(usageOf(usagesById([classed], { ingressClass: 'internal' }), 'shop', 'db.tls')).toHaveLength(1);
    expect(usageOf(usagesById([plain], { ingressClass: 'internal' }), 'shop', 'db.tls')).toEqual([]);

    const emptyMatch = route('shop', 'empty', ['db.tls']);
    for (const service of emptyMatch.spec.routes[0]!.services!) delete service.namespace;
    emptyMatch.spec.routes[0]!.match = '';
    expect(usageOf(usagesById([emptyMatch], {}), 'shop', 'db.tls')).toEqual([]);
  });
});
