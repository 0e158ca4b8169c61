import { describe, expect, it } from 'vitest';
import { lintDocuments, type LintOptions } from '../lint/index.js';
import { providerDropOf } from '../traefik/index.js';

const route = (spec: string, metadata = '') => `apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  name: db
  namespace: apps
${metadata}spec:
${spec}`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: db, namespace: apps }
spec: { ports: [{ name: pg, port: 5432 }] }
`;

const slice = (ready: boolean, portName = 'pg') => `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: db-1, namespace: apps, labels: { kubernetes.io/service-name: db } }
ports: [{ name: ${portName}, port: 5432 }]
endpoints: [{ addresses: [10.0.0.9], conditions: { ready: ${ready} } }]
`;

function findings(texts: string[], options: LintOptions = {}) {
  const report = lintDocuments(
    texts.map((text, i) => ({ source: `${i}.yaml`, text })),
    options,
  );
  return report.documents.flatMap((d) =>
    d.diagnostics.map((x) => ({ severity: x.severity, code: x.code, path: x.path })),
  );
}

const codes = (texts: string[], options: LintOptions = {}) =>
  findings(texts, options)
    .filter((f) => f.severity !== 'info')
    .map((f) => f.code);

const ONE_SERVICE = `  routes:
    - match: HostSNI(\`*\`)
      services: [{ name: db, port: 5432 }]
`;

describe("what Traefik's kubernetescrd provider refuses, at its defaults and with its options", () => {
  it('an empty match is an error: the API server takes it, Traefik ignores the route', () => {
    const empty = route(`  routes:\n    - match: ""\n      services: [{ name: db, port: 5432 }]\n`);
    expect(findings([empty])).toContainEqual({
      severity: 'error',
      code: 'traefik.empty-match',
      path: '/spec/routes/0/match',
    });
    expect(providerDropOf('traefik.empty-match')).toBe('route');
  });

  it('name@provider references follow crossProviderNamespaces: unset allows all, [] none, a list its namespaces', () => {
    const text = route(`  routes:
    - match: HostSNI(\`*\`)
      middlewares: [{ name: limit@file }]
      services: [{ name: db, port: 5432, serversTransport: tls@file }]
  tls:
    options: { name: modern@file }
`);
    const refused = ['traefik.cross-provider-middleware', 'traefik.cross-provider-tls-option'];
    expect(codes([text])).toEqual([]);
    expect(codes([text], { provider: { crossProviderNamespaces: [] } })).toEqual(refused);
    expect(codes([text], { provider: { crossProviderNamespaces: ['apps'] } })).toEqual([]);
    const services = route(`  routes:
    - match: HostSNI(\`*\`)
      services: [{ name: db, port: 5432, serversTransport: tls@file }]
`);
    expect(codes([services], { provider: { crossProviderNamespaces: ['other'] } })).toEqual([
      'traefik.cross-provider-transport',
    ]);
  });

  it('middlewares and TLS options in another namespace are refused unless allowCrossNamespace', () => {
    const text = route(`  routes:
    - match: HostSNI(\`*\`)
      middlewares: [{ name: limit, namespace: shared }]
      services: [{ name: db, port: 5432 }]
  tls:
    options: { name: modern, namespace: shared }
`);
    expect(findings([text]).filter((f) => f.severity === 'error')).toEqual([
      {
        severity: 'error',
        code: 'traefik.cross-namespace-middleware',
        path: '/spec/routes/0/middlewares/0/namespace',
      },
      { severity: 'error', code: 'traefik.cross-namespace-tls-option', path: '/spec/tls/options/namespace' },
    ]);
    expect(codes([text], { provider: { allowCrossNamespace: true } })).toEqual([]);
  });

  it('warns about the deprecated ingress.class annotation, and a class this Traefik does not watch', () => {
    const annotated = route(ONE_SERVICE, '  annotations:\n    kubernetes.io/ingress.class: internal\n');
    expect(codes([annotated], { provider: { ingressClass: 'internal' } })).toEqual([
      'traefik.deprecated-ingress-class-annotation',
    ]);
    expect(codes([annotated])).toEqual([
      'traefik.deprecated-ingress-class-annotation',
      'traefik.ingress-class-ignored',
    ]);
    expect(codes([route(`  ingressClassName: traefik\n${ONE_SERVICE}`)])).toEqual([]);
  });

  it('uses the Services and EndpointSlices of the input: ready endpoints on a port of the same name', () => {
    expect(codes([route(ONE_SERVICE), SERVICE, slice(true)])).toEqual([]);
    expect(codes([route(ONE_SERVICE), SERVICE, slice(false)])).toEqual(['traefik.no-servers']);
    expect(codes([route(ONE_SERVICE), SERVICE, slice(true, 'other')])).toEqual(['traefik.no-servers']);
    expect(
      codes([route(ONE_SERVICE), SERVICE, slice(false)], { provider: { allowEmptyServices: true } }),
    ).toEqual([]);
    const byName = route(ONE_SERVICE.replace('port: 5432', 'port: pg'));
    expect(codes([byName, SERVICE, slice(true)])).toEqual([]);
    const wrongPort = route(ONE_SERVICE.replace('port: 5432', 'port: 5433'));
    expect(codes([wrongPort, SERVICE, slice(true)])).toEqual(['traefik.service-port-not-found']);
  });

  it('nativeLB and nodePortLB as the provider builds them', () => {
    const headless = SERVICE.replace('spec: {', 'spec: { clusterIP: None,');
    expect(
      codes([route(ONE_SERVICE), headless, slice(true)], { provider: { nativeLBByDefault: true } }),
    ).toEqual(['traefik.native-lb-headless']);
    const nodePort = SERVICE.replace('spec: {', 'spec: { type: NodePort,');
    const viaNodes = route(ONE_SERVICE.replace('port: 5432', 'port: 5432, nodePortLB: true'));
    expect(codes([viaNodes, nodePort], { provider: { disableClusterScopeResources: true } })).toEqual([
      'traefik.node-port-lb-without-nodes',
    ]);
  });

  it('says once per run which checks the input could not have, and only when a route needs them', () => {
    const infos = (texts: string[]) =>
      findings(texts).filter((f) => f.severity === 'info' && f.code === 'traefik.objects-not-in-input');
    expect(infos([route(ONE_SERVICE), route(ONE_SERVICE).replace('name: db\n', 'name: db2\n')])).toEqual([
      { severity: 'info', code: 'traefik.objects-not-in-input', path: '/spec/routes' },
    ]);
    expect(infos([route(ONE_SERVICE), SERVICE, slice(true)])).toEqual([]);
  });

  it("checks a ServersTransport (HTTP) only for ServersTransportTCP fields, not v3.7's TLS fields", () => {
    const http = `apiVersion: traefik.io/v1alpha1
kind: ServersTransport
metadata: { name: web, namespace: apps }
spec:
  serverName: web
  cipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
  minVersion: VersionTLS12
  maxVersion: VersionTLS13
  dialTimeout: 5s
`;
    expect(findings([http])).toEqual([
      { severity: 'error', code: 'schema.unknown-field', path: '/spec/dialTimeout' },
    ]);
  });
});
