import type { KeyPair } from './certificates.js';
import { CertificateAuthority } from './certificates.js';
import type { BackendCertificates, BackendName } from './backends.js';
import { BACKEND_NAMES, FIXED_BACKEND_PORTS } from './backends.js';

const DAY = 24 * 60 * 60 * 1000;
const SPIFFE_ID = 'spiffe://demo.dialtone.dev/ns/demo/sa/backend';

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

const ns = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'dialtone.dev/demo': 'true' } },
});

function tlsSecret(namespace: string, name: string, pair: KeyPair, ca?: string): Manifest {
  const stringData: Record<string, string> = { 'tls.crt': pair.certPem, 'tls.key': pair.keyPem };
  if (ca) stringData['ca.crt'] = ca;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name, namespace },
    stringData,
  };
}

function transport(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  description: string,
): Manifest {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: {
      name,
      namespace,
      labels: { 'app.kubernetes.io/part-of': 'dialtone-demo' },
      annotations: { 'dialtone.dev/description': description },
    } as Manifest['metadata'],
    spec,
  };
}

/** Where the demo's backends are: on loopback behind EndpointSlices, or on one named host. */
export interface DemoLayout {
  /**
   * A DNS name serving every backend on FIXED_BACKEND_PORTS. EndpointSlice addresses must be IPs, so
   * the Services become ExternalName Services pointing there, with no EndpointSlices.
   */
  backendHost?: string;
}

function route(
  namespace: string,
  name: string,
  backend: BackendName,
  serversTransport: string | undefined,
  layout: DemoLayout,
  serviceNamespace?: string,
): Manifest {
  // Every demo backend published on 443 speaks TLS, so its route marks it as Traefik needs (services[].tls).
  const svc: Record<string, unknown> = {
    name: serviceName(backend),
    port: servicePort(backend, layout),
    ...(SERVICE_PORTS[backend] === 443 ? { tls: true } : {}),
  };
  if (serversTransport !== undefined) svc['serversTransport'] = serversTransport;
  if (serviceNamespace) svc['namespace'] = serviceNamespace;
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name, namespace },
    spec: { entryPoints: ['tcp'], routes: [{ match: 'HostSNI(`*`)', services: [svc] }] },
  };
}

/** The Service port each backend is published on; the EndpointSlice carries the real local port. */
const SERVICE_PORTS: Record<BackendName, number> = {
  echo: 9000,
  tls: 443,
  mtls: 443,
  spiffe: 443,
  expired: 443,
  'wrong-host': 443,
  closed: 9000,
  stall: 443,
};

function serviceName(backend: BackendName): string {
  return backend === 'echo' ? 'echo' : `${backend}-backend`;
}

function servicePort(backend: BackendName, layout: DemoLayout): number {
  return layout.backendHost === undefined ? SERVICE_PORTS[backend] : FIXED_BACKEND_PORTS[backend];
}

function service(backend: BackendName, layout: DemoLayout): Manifest {
  const port = servicePort(backend, layout);
  const ports = [{ name: 'tcp', port, targetPort: port }];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: serviceName(backend),
      namespace: 'demo',
      labels: { 'app.kubernetes.io/part-of': 'dialtone-demo' },
    },
    spec:
      layout.backendHost === undefined
        ? { selector: { app: serviceName(backend) }, ports }
        : { type: 'ExternalName', externalName: layout.backendHost, ports },
  };
}

export function endpointSlice(backend: BackendName, port: number): Manifest {
  const name = serviceName(backend);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${name}-local`,
      namespace: 'demo',
      labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'dialtone' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true, serving: true, terminating: false } }],
    ports: [{ name: 'tcp', port, protocol: 'TCP' }],
  };
}

/** The demo's certificates: the backends' (server) ones and the clients' Traefik presents. */
export interface DemoCertificates extends BackendCertificates {
  client: KeyPair;
  paymentsClient: KeyPair;
}

/** Issues a new demo CA and every certificate the demo uses, valid from now. */
export function demoCertificates(): DemoCertificates {
  const ca = CertificateAuthority.create('Dialtone Demo CA');
  const server = ca.issue({
    commonName: 'backend.demo.svc',
    dnsNames: ['backend.demo.svc', 'localhost'],
    ipAddresses: ['127.0.0.1'],
    usage: 'server',
  });
  const spiffe = ca.issue({ commonName: 'spiffe-backend', uris: [SPIFFE_ID], usage: 'server' });
  const expired = ca.issue({
    commonName: 'backend.demo.svc',
    dnsNames: ['backend.demo.svc'],
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - 30 * DAY),
    usage: 'server',
  });
  const wrongHost = ca.issue({
    commonName: 'wrong.example.com',
    dnsNames: ['wrong.example.com'],
    usage: 'server',
  });
  const client = ca.issue({ commonName: 'traefik', usage: 'client' });
  const paymentsClient = ca.issue({ commonName: 'traefik-payments', usage: 'client' });
  return { ca: ca.pair.certPem, server, spiffe, expired, wrongHost, client, paymentsClient };
}

export function demoObjects(
  certificates: DemoCertificates = demoCertificates(),
  layout: DemoLayout = {},
): Manifest[] {
  const { ca: caPem, server, spiffe, expired, wrongHost, client, paymentsClient } = certificates;
  const legacyCa: Manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: 'legacy-ca', namespace: 'demo' },
    stringData: { 'root.pem': caPem },
  };

  const tlsToCa = { serverName: 'backend.demo.svc', rootCAs: [{ configMap: 'demo-ca' }] };
  return [
    ns('demo'),
    ns('payments'),
    ns('edge'),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'demo-ca', namespace: 'demo' },
      data: { 'ca.crt': caPem },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'demo-ca', namespace: 'demo' },
      stringData: { 'ca.crt': caPem },
    },
    legacyCa,
    tlsSecret('demo', 'backend-tls', server, caPem),
    tlsSecret('demo', 'spiffe-backend-tls', spiffe, caPem),
    tlsSecret('demo', 'expired-backend-tls', expired, caPem),
    tlsSecret('demo', 'wrong-host-backend-tls', wrongHost, caPem),
    tlsSecret('demo', 'client-cert', client),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'payments-ca', namespace: 'payments' },
      stringData: { 'tls.ca': caPem },
    },
    tlsSecret('payments', 'payments-client', paymentsClient),

    transport(
      'demo',
      'plain-tcp',
      { dialTimeout: '5s', dialKeepAlive: '30s', terminationDelay: '250ms' },
      'Plain TCP with tuned timeouts.',
    ),
    transport(
      'demo',
      'tls-backend',
      { tls: tlsToCa },
      'TLS with serverName and the demo CA from a ConfigMap.',
    ),
    transport(
      'demo',
      'mtls-backend',
      {
        tls: {
          serverName: 'backend.demo.svc',
          rootCAs: [{ secret: 'demo-ca' }],
          certificatesSecrets: ['client-cert'],
        },
      },
      'Mutual TLS: presents the demo client certificate.',
    ),
    transport(
      'demo',
      'peer-uri',
      { tls: { insecureSkipVerify: true, rootCAs: [{ configMap: 'demo-ca' }], peerCertURI: SPIFFE_ID } },
      // Traefik needs serverName or insecureSkipVerify for any TLS; with peerCertURI it still verifies the chain.
      'Checks the peer certificate URI SAN (deprecated field) and verifies the chain against the demo CA.',
    ),
    transport(
      'demo',
      'spiffe',
      { tls: { spiffe: { ids: [SPIFFE_ID], trustDomain: 'demo.dialtone.dev' } } },
      'SPIFFE: needs SPIFFE configured in Traefik.',
    ),
    transport(
      'demo',
      'insecure',
      { tls: { insecureSkipVerify: true } },
      'Skips certificate verification entirely.',
    ),
    transport(
      'demo',
      'legacy-ca',
      { tls: { serverName: 'backend.demo.svc', rootCAsSecrets: ['legacy-ca'] } },
      'Deprecated rootCAsSecrets with a single-key CA Secret.',
    ),
    transport(
      'demo',
      'proxy-v2',
      { dialTimeout: '10s', proxyProtocol: { version: 2 } },
      'Sends a PROXY protocol v2 header.',
    ),
    transport(
      'demo',
      'zero-timeout',
      { dialTimeout: '1s30', terminationDelay: -1 },
      'Broken: Traefik reads "1s30" as 0; a negative termination delay never closes.',
    ),
    transport(
      'demo',
      'missing-secret',
      {
        tls: {
          serverName: 'backend.demo.svc',
          rootCAs: [{ secret: 'no-such-ca' }],
          certificatesSecrets: ['no-such-client'],
        },
      },
      'Broken: references Secrets that do not exist.',
    ),
    transport(
      'demo',
      'spiffe-and-tls',
      {
        tls: {
          serverName: 'backend.demo.svc',
          rootCAs: [{ configMap: 'demo-ca' }],
          spiffe: { trustDomain: 'demo.dialtone.dev' },
        },
      },
      'Broken: SPIFFE mixed with TLS fields fails at dial time.',
    ),
    transport(
      'payments',
      'payments-mtls',
      {
        dialTimeout: '3s',
        tls: {
          serverName: 'backend.demo.svc',
          rootCAs: [{ secret: 'payments-ca' }],
          certificatesSecrets: ['payments-client'],
          peerCertSANs: [{ type: 'DNSName', value: 'backend.demo.svc' }],
        },
      },
      'mTLS from another namespace, with a standard CA Secret.',
    ),
    transport('edge', 'unused', { dialTimeout: '15s' }, 'Nothing uses this transport.'),

    ...BACKEND_NAMES.map((b) => service(b, layout)),
    ...(layout.backendHost === undefined ? BACKEND_NAMES.map((b) => endpointSlice(b, SERVICE_PORTS[b])) : []),

    route('demo', 'echo', 'echo', 'plain-tcp', layout),
    route('demo', 'tls', 'tls', 'tls-backend', layout),
    route('demo', 'mtls', 'mtls', 'mtls-backend', layout),
    route('demo', 'spiffe', 'spiffe', 'spiffe', layout),
    route('demo', 'peer-uri', 'spiffe', 'peer-uri', layout),
    route('demo', 'expired', 'expired', 'tls-backend', layout),
    route('demo', 'wrong-host', 'wrong-host', 'tls-backend', layout),
    route('demo', 'closed', 'closed', 'plain-tcp', layout),
    route('demo', 'stall', 'stall', 'legacy-ca', layout),
    route('demo', 'insecure', 'expired', 'insecure', layout),
    route('payments', 'payments', 'mtls', 'payments-mtls', layout, 'demo'),
    route('edge', 'cross-namespace', 'echo', 'demo-proxy-v2@kubernetescrd', layout, 'demo'),
    route('edge', 'internal', 'echo', 'default@internal', layout, 'demo'),
    // In the Service's own namespace: Traefik refuses a service in another one before it looks the transport up.
    route('demo', 'dangling', 'echo', 'no-such-transport', layout),
    route('edge', 'no-transport', 'echo', undefined, layout, 'demo'),
  ];
}
