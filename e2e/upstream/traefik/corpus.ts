import type { TlsOptions } from 'node:tls';
import type { BackendSpec } from './backends.js';
import { TestCA, type Issued } from '../../../server/src/probe/testing.js';

/** Kubernetes objects as plain data, applied as they are. */
export type KubeObject = Record<string, unknown> & {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

export const NS = 'judge';
export const OTHER_NS = 'judge-other';
/** Cases that bring Traefik's whole provider down live here, watched by a Traefik of their own. */
export const ISOLATED_NS = 'judge-isolated';

/**
 * One case of the Traefik judge. `backend` cases carry traffic: a nonce sent through Traefik must come
 * back from a backend the test runs. `routing` cases are judged on what Traefik's API reports only,
 * because their point is whether Traefik builds the route at all.
 */
export interface JudgeCase {
  id: string;
  title: string;
  group: 'backend' | 'routing';
  /** The backend to start; absent for routing cases. */
  backend?: BackendSpec | 'closed-port';
  /** The ServersTransportTCP spec, created as `judge/<id>` unless `transport` is false. */
  transport?: Record<string, unknown> | false;
  /** Whether the route's service talks TLS to the backend (`services[].tls`). */
  tls?: boolean;
  /** Extra objects the case needs (Secrets, ConfigMaps, Services in other namespaces). */
  objects?: KubeObject[];
  /**
   * The route's services, for routing cases; backend cases get one service to their backend.
   * `serversTransport` overrides the reference (default: the case's own transport).
   */
  route?: { services: RouteService[]; serversTransport?: string };
  /** The backend completes the handshake and hangs up: reaching it is Traefik's success. */
  successIsHandshake?: boolean;
  /** Why the probe cannot reproduce Traefik's result; its verdict must then not be `pass`. */
  probeCannotReproduce?: string;
  /**
   * Why the case needs a Traefik of its own: it stops Traefik's kubernetescrd provider from loading
   * anything at all, which would make every other case fail with it.
   */
  isolated?: string;
  /**
   * Why Traefik builds the route but every connection fails whatever the backend does. Traefik's API
   * shows no error, so Dialtone may call it an error or a warning, but not say nothing.
   */
  failsEveryConnection?: string;
  /**
   * What lint cannot see (another provider's configuration), and the note it must give instead of
   * an error or silence.
   */
  lintCannotKnow?: { reason: string; note: string };
  /** The PROXY protocol version the backend must read in front of the nonce. */
  expectProxyHeader?: 1 | 2;
}

export function namespaceOf(c: JudgeCase): string {
  return c.isolated ? ISOLATED_NS : NS;
}

export interface RouteService {
  name: string;
  namespace?: string;
  kind: 'endpoints' | 'externalName';
}

/** Certificates for one run: two unrelated roots, an intermediate, and the leaves the cases need. */
export class Pki {
  readonly root = TestCA.create('judge root');
  readonly otherRoot = TestCA.create('judge other root');
  readonly intermediate = this.root.intermediate('judge intermediate');
  readonly clientRootA = TestCA.create('judge clients A');
  readonly clientRootB = TestCA.create('judge clients B');
  readonly server = this.root.issue({ commonName: 'backend.test', dnsNames: ['backend.test'] });
}

export function tlsSecret(name: string, pem: Issued, namespace = NS): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': b64(pem.certPem), 'tls.key': b64(pem.keyPem) },
  };
}

export function caSecret(name: string, pem: string, namespace = NS): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'Opaque',
    data: { 'tls.ca': b64(pem) },
  };
}

export function caConfigMap(name: string, pem: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data: { 'ca.crt': pem } };
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** Trusts the judge root through a Secret every case may use. */
export const ROOT_CA_SECRET = 'judge-root-ca';
const verified = (extra: Record<string, unknown> = {}) => ({
  tls: { serverName: 'backend.test', rootCAs: [{ secret: ROOT_CA_SECRET }], ...extra },
});

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}

function tlsBackend(pem: Issued, options: TlsOptions = {}): BackendSpec {
  return { kind: 'tls', options: { cert: pem.certPem, key: pem.keyPem, ...options } };
}

/** The corpus; `pki` supplies the certificates, made fresh for every run. */
export function judgeCases(pki: Pki): JudgeCase[] {
  const leafUnderIntermediate = pki.intermediate.issue({
    commonName: 'backend.test',
    dnsNames: ['backend.test'],
  });
  const withChain: Issued = {
    certPem: leafUnderIntermediate.certPem + pki.intermediate.certPem,
    keyPem: leafUnderIntermediate.keyPem,
  };
  const pinned = pki.root.issue({ commonName: 'backend.test', dnsNames: ['backend.test'] });
  const clientA = pki.clientRootA.issue({ commonName: 'client-a', client: true });
  const clientB = pki.clientRootB.issue({ commonName: 'client-b', client: true });
  const spiffeServer = pki.root.issue({
    commonName: 'backend',
    dnsNames: ['backend.test'],
    uris: ['spiffe://judge.test/backend'],
  });
  const mtls = (clientRoot: TestCA): TlsOptions => ({
    requestCert: true,
    rejectUnauthorized: true,
    ca: clientRoot.certPem,
  });

  const backend: Omit<JudgeCase, 'group'>[] = [
    {
      id: 'tls-verified',
      title: 'TLS verified against the issuing root',
      backend: tlsBackend(pki.server),
      transport: verified(),
    },
    {
      id: 'tls-expired',
      title: 'certificate expired yesterday',
      backend: tlsBackend(
        pki.root.issue({
          commonName: 'backend.test',
          dnsNames: ['backend.test'],
          notBefore: daysFromNow(-30),
          notAfter: daysFromNow(-1),
        }),
      ),
      transport: verified(),
    },
    {
      id: 'tls-not-yet-valid',
      title: 'certificate valid from tomorrow',
      backend: tlsBackend(
        pki.root.issue({
          commonName: 'backend.test',
          dnsNames: ['backend.test'],
          notBefore: daysFromNow(1),
          notAfter: daysFromNow(30),
        }),
      ),
      transport: verified(),
    },
    {
      id: 'tls-wrong-host',
      title: 'certificate for another host name',
      backend: tlsBackend(pki.root.issue({ commonName: 'other.test', dnsNames: ['other.test'] })),
      transport: verified(),
    },
    {
      id: 'tls-untrusted-issuer',
      title: 'certificate from a root the transport does not trust',
      backend: tlsBackend(pki.otherRoot.issue({ commonName: 'backend.test', dnsNames: ['backend.test'] })),
      transport: verified(),
    },
    {
      id: 'tls-intermediate-as-anchor',
      title: 'CA bundle holding only the issuing intermediate',
      backend: tlsBackend(withChain),
      transport: { tls: { serverName: 'backend.test', rootCAs: [{ secret: 'intermediate-only' }] } },
      objects: [caSecret('intermediate-only', pki.intermediate.certPem)],
    },
    {
      id: 'tls-intermediate-not-sent',
      title: 'leaf under an intermediate the backend does not send',
      backend: tlsBackend(leafUnderIntermediate),
      transport: verified(),
    },
    {
      id: 'tls-intermediate-sent',
      title: 'leaf and intermediate sent, root trusted',
      backend: tlsBackend(withChain),
      transport: verified(),
    },
    {
      id: 'tls-pinned-leaf',
      title: 'the pinned leaf as the only CA',
      backend: tlsBackend(pinned),
      transport: { tls: { serverName: 'backend.test', rootCAs: [{ configMap: 'pinned-leaf' }] } },
      objects: [caConfigMap('pinned-leaf', pinned.certPem)],
    },
    {
      id: 'tls-wildcard-one-label',
      title: '*.internal presented for db.internal',
      backend: tlsBackend(pki.root.issue({ commonName: 'wildcard', dnsNames: ['*.internal'] })),
      transport: verified({ serverName: 'db.internal' }),
    },
    {
      id: 'tls-wildcard-two-labels',
      title: '*.internal presented for a.db.internal',
      backend: tlsBackend(pki.root.issue({ commonName: 'wildcard', dnsNames: ['*.internal'] })),
      transport: verified({ serverName: 'a.db.internal' }),
    },
    {
      id: 'tls-trailing-dot',
      title: 'serverName with a trailing dot',
      backend: tlsBackend(pki.server),
      transport: verified({ serverName: 'backend.test.' }),
    },
    {
      id: 'tls-name-case',
      title: 'serverName in other letter case',
      backend: tlsBackend(pki.server),
      transport: verified({ serverName: 'BACKEND.Test' }),
    },
    {
      id: 'tls-common-name-only',
      title: 'certificate naming the host only in its CN',
      backend: tlsBackend(pki.root.issue({ commonName: 'backend.test' })),
      transport: verified(),
    },
    {
      id: 'tls-ip-san',
      title: 'serverName 127.0.0.1 against an IP SAN',
      backend: tlsBackend(pki.root.issue({ commonName: 'ip', ipAddresses: ['127.0.0.1'] })),
      transport: verified({ serverName: '127.0.0.1' }),
    },
    {
      id: 'tls-ip-in-dns-san',
      title: 'serverName 127.0.0.1 against a DNS SAN spelling it',
      backend: tlsBackend(pki.root.issue({ commonName: 'ip', dnsNames: ['127.0.0.1'] })),
      transport: verified({ serverName: '127.0.0.1' }),
    },
    {
      id: 'tls-numeric-name',
      title: 'serverName 1.2.3, a host name that looks numeric',
      backend: tlsBackend(pki.root.issue({ commonName: 'numeric', dnsNames: ['1.2.3'] })),
      transport: verified({ serverName: '1.2.3' }),
    },
    {
      id: 'tls-insecure-skip-verify',
      title: 'insecureSkipVerify with a certificate for another host',
      backend: tlsBackend(pki.otherRoot.issue({ commonName: 'other.test', dnsNames: ['other.test'] })),
      transport: { tls: { insecureSkipVerify: true } },
    },
    {
      id: 'tls-no-server-name',
      title: 'TLS with a CA but no serverName',
      backend: tlsBackend(pki.server),
      transport: { tls: { rootCAs: [{ secret: ROOT_CA_SECRET }] } },
      failsEveryConnection:
        'Go refuses a TLS client with neither ServerName nor InsecureSkipVerify, on every dial',
    },
    {
      id: 'tls-rsa-key-exchange-only',
      title: 'backend offering RSA key exchange only',
      backend: tlsBackend(pki.server, {
        ciphers: 'AES128-GCM-SHA256:AES256-GCM-SHA384',
        maxVersion: 'TLSv1.2',
      }),
      transport: verified(),
    },
    {
      id: 'tls-dhe-only',
      title: 'backend offering DHE key exchange only',
      backend: tlsBackend(pki.server, {
        ciphers: 'DHE-RSA-AES128-GCM-SHA256',
        maxVersion: 'TLSv1.2',
        dhparam: 'auto',
      }),
      transport: verified(),
    },
    {
      id: 'tls-cbc-sha256-only',
      title: 'backend offering ECDHE with CBC-SHA256 only',
      backend: tlsBackend(pki.server, { ciphers: 'ECDHE-RSA-AES128-SHA256', maxVersion: 'TLSv1.2' }),
      transport: verified(),
    },
    {
      id: 'tls-cbc-sha-ecdhe',
      title: 'backend offering ECDHE with AES-CBC-SHA only',
      backend: tlsBackend(pki.server, { ciphers: 'ECDHE-RSA-AES128-SHA', maxVersion: 'TLSv1.2' }),
      transport: verified(),
    },
    {
      id: 'tls10-only',
      title: 'backend speaking TLS 1.0 only',
      backend: tlsBackend(pki.server, {
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      }),
      transport: verified(),
    },
    {
      id: 'tls13-only',
      title: 'backend speaking TLS 1.3 only',
      backend: tlsBackend(pki.server, { minVersion: 'TLSv1.3' }),
      transport: verified(),
    },
    {
      id: 'tls-x448-only',
      title: 'backend accepting the X448 group only',
      backend: tlsBackend(pki.server, { minVersion: 'TLSv1.3', ecdhCurve: 'X448' }),
      transport: verified(),
    },
    {
      id: 'tls-ffdhe-only',
      title: 'backend accepting the ffdhe2048 group only',
      backend: tlsBackend(pki.server, { minVersion: 'TLSv1.3', ecdhCurve: 'ffdhe2048' }),
      transport: verified(),
    },
    {
      id: 'tls-p521-only',
      title: 'backend accepting the P-521 group only',
      backend: tlsBackend(pki.server, { ecdhCurve: 'P-521' }),
      transport: verified(),
    },
    {
      id: 'mtls-without-certificate',
      title: 'backend requiring a client certificate, none configured',
      backend: tlsBackend(pki.server, mtls(pki.clientRootA)),
      transport: verified(),
    },
    {
      id: 'mtls-with-certificate',
      title: 'backend requiring a client certificate, one configured',
      backend: tlsBackend(pki.server, mtls(pki.clientRootA)),
      transport: verified({ certificatesSecrets: ['client-a'] }),
      objects: [tlsSecret('client-a', clientA)],
    },
    {
      id: 'mtls-second-certificate-fits',
      title: 'two client certificates, only the second from the CA the backend asks for',
      backend: tlsBackend(pki.server, mtls(pki.clientRootB)),
      transport: verified({ certificatesSecrets: ['client-a', 'client-b'] }),
      objects: [tlsSecret('client-a', clientA), tlsSecret('client-b', clientB)],
    },
    {
      id: 'mtls-wrong-certificate',
      title: 'a client certificate from a CA the backend does not accept',
      backend: tlsBackend(pki.server, mtls(pki.clientRootB)),
      transport: verified({ certificatesSecrets: ['client-a'] }),
      objects: [tlsSecret('client-a', clientA)],
    },
    {
      id: 'peer-uri-match',
      title: 'peerCertURI matching the URI SAN',
      backend: tlsBackend(spiffeServer),
      transport: verified({ peerCertURI: 'spiffe://judge.test/backend' }),
    },
    {
      id: 'peer-uri-mismatch',
      title: 'peerCertURI naming another identity',
      backend: tlsBackend(spiffeServer),
      transport: verified({ peerCertURI: 'spiffe://judge.test/other' }),
    },
    {
      id: 'tls-close-after-handshake',
      title: 'backend hanging up right after the handshake',
      backend: {
        kind: 'tls',
        options: { cert: pki.server.certPem, key: pki.server.keyPem },
        closeAfterHandshake: true,
      },
      transport: verified(),
      successIsHandshake: true,
    },
    {
      id: 'tls-silent',
      title: 'silent listener where TLS is expected',
      backend: { kind: 'silent' },
      transport: verified(),
    },
    {
      id: 'tcp-echo',
      title: 'plain TCP echo',
      backend: { kind: 'tcp' },
      transport: { dialTimeout: '5s' },
      tls: false,
    },
    {
      id: 'tcp-refused',
      title: 'nothing listening',
      backend: 'closed-port',
      transport: { dialTimeout: '5s' },
      tls: false,
    },
    {
      id: 'proxy-protocol-v1',
      title: 'PROXY protocol v1 read by the backend',
      backend: { kind: 'tcp', proxyProtocol: true },
      transport: { proxyProtocol: { version: 1 } },
      expectProxyHeader: 1,
      tls: false,
    },
    {
      id: 'proxy-protocol-v2',
      title: 'PROXY protocol v2 read by the backend',
      backend: { kind: 'tcp', proxyProtocol: true },
      transport: { proxyProtocol: { version: 2 } },
      expectProxyHeader: 2,
      tls: false,
    },
    {
      id: 'proxy-protocol-empty',
      title: 'proxyProtocol: {} (no version)',
      backend: { kind: 'tcp', proxyProtocol: true },
      transport: { proxyProtocol: {} },
      tls: false,
    },
    {
      id: 'pem-loosely-written',
      title: 'a CA bundle with text around the PEM block and spaces after its BEGIN line',
      backend: tlsBackend(pki.server),
      transport: { tls: { serverName: 'backend.test', rootCAs: [{ secret: 'loose-pem' }] } },
      objects: [
        caSecret(
          'loose-pem',
          `issued by the judge root\n${pki.root.certPem.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN CERTIFICATE-----  ')}\nend of bundle\n`,
        ),
      ],
    },
    {
      id: 'pem-not-a-certificate',
      title: 'a CA bundle holding no PEM block at all',
      backend: tlsBackend(pki.server),
      transport: { tls: { serverName: 'backend.test', rootCAs: [{ secret: 'not-pem' }] } },
      objects: [caSecret('not-pem', 'this is not a certificate\n')],
    },
    {
      id: 'missing-ca-secret',
      title: 'rootCAs naming a Secret that does not exist',
      backend: tlsBackend(pki.server),
      transport: { tls: { serverName: 'backend.test', rootCAs: [{ secret: 'no-such-secret' }] } },
    },
    {
      id: 'root-ca-neither-field',
      title: 'a rootCAs entry with neither secret nor configMap',
      backend: tlsBackend(pki.server),
      transport: { tls: { serverName: 'backend.test', rootCAs: [{ secret: ROOT_CA_SECRET }, {}] } },
      isolated: 'Traefik v3.7.9 dereferences the missing configMap and its provider panics on every reload',
    },
    {
      id: 'dial-timeout-negative',
      title: 'dialTimeout: -5 (negative seconds)',
      backend: { kind: 'tcp' },
      transport: { dialTimeout: -5 },
      tls: false,
      failsEveryConnection: 'a negative dial timeout is a deadline in the past for every dial',
    },
    {
      id: 'dial-timeout-overflow',
      title: 'dialTimeout: 9999999999h (overflows)',
      backend: { kind: 'tcp' },
      transport: { dialTimeout: '9999999999h' },
      tls: false,
    },
    {
      id: 'dial-timeout-no-unit-tail',
      title: 'dialTimeout: 1s30',
      backend: { kind: 'tcp' },
      transport: { dialTimeout: '1s30' },
      tls: false,
    },
    {
      id: 'dial-timeout-bare-integer',
      title: 'dialTimeout: 5 (seconds)',
      backend: { kind: 'tcp' },
      transport: { dialTimeout: 5 },
      tls: false,
    },
    {
      id: 'spiffe-not-configured',
      title: "SPIFFE without Traefik's SPIFFE setup",
      backend: tlsBackend(spiffeServer),
      transport: { tls: { spiffe: { trustDomain: 'spiffe://judge.test' } } },
      failsEveryConnection:
        'Traefik v3.7.9 builds the dialer with no SPIFFE source and every handshake fails',
    },
    {
      id: 'spiffe-and-tls-fields',
      title: 'SPIFFE beside serverName',
      backend: tlsBackend(spiffeServer),
      transport: { tls: { serverName: 'backend.test', spiffe: { ids: ['spiffe://judge.test/backend'] } } },
    },
  ];

  const routing: JudgeCase[] = [
    {
      id: 'route-baseline',
      title: "a route to a Service with the case's transport",
      group: 'routing',
      transport: { dialTimeout: '5s' },
      route: { services: [{ name: 'svc-a', kind: 'endpoints' }] },
    },
    {
      id: 'route-missing-transport',
      title: 'serversTransport naming no transport',
      group: 'routing',
      transport: false,
      route: { services: [{ name: 'svc-a', kind: 'endpoints' }], serversTransport: 'no-such-transport' },
    },
    {
      id: 'route-transport-id-cross-namespace',
      title: 'serversTransport as judge-other-shared@kubernetescrd, cross-namespace off',
      group: 'routing',
      transport: false,
      route: {
        services: [{ name: 'svc-a', kind: 'endpoints' }],
        serversTransport: `${OTHER_NS}-shared@kubernetescrd`,
      },
    },
    {
      id: 'route-transport-same-namespace-id',
      title: 'serversTransport as judge-route-own@kubernetescrd in its own namespace',
      group: 'routing',
      transport: false,
      route: {
        services: [{ name: 'svc-a', kind: 'endpoints' }],
        serversTransport: `${NS}-route-own@kubernetescrd`,
      },
    },
    {
      id: 'route-externalname',
      title: 'an ExternalName Service, not allowed by default',
      group: 'routing',
      transport: { dialTimeout: '5s' },
      route: { services: [{ name: 'svc-external', kind: 'externalName' }] },
    },
    {
      id: 'route-cross-namespace-service',
      title: 'a Service in another namespace, cross-namespace off',
      group: 'routing',
      transport: { dialTimeout: '5s' },
      route: { services: [{ name: 'svc-a', namespace: OTHER_NS, kind: 'endpoints' }] },
    },
    {
      id: 'route-one-of-two-rejected',
      title: 'two services, one ExternalName (skipped) and one ordinary',
      group: 'routing',
      transport: { dialTimeout: '5s' },
      route: {
        services: [
          { name: 'svc-external', kind: 'externalName' },
          { name: 'svc-a', kind: 'endpoints' },
        ],
      },
    },
    {
      id: 'route-transport-other-provider',
      title: 'serversTransport as missing@file',
      group: 'routing',
      transport: false,
      route: { services: [{ name: 'svc-a', kind: 'endpoints' }], serversTransport: 'missing@file' },
      lintCannotKnow: {
        reason: "the file provider's transports are in Traefik's own configuration, not in the input",
        note: 'traefik.transport-from-other-provider',
      },
    },
  ];
  return [...backend.map((c): JudgeCase => ({ ...c, group: 'backend', tls: c.tls ?? true })), ...routing];
}

/** Transports that routing cases reference by Traefik ID rather than by name. */
export function sharedTransports(): KubeObject[] {
  return [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 'shared', namespace: OTHER_NS },
      spec: { dialTimeout: '5s' },
    },
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 'route-own', namespace: NS },
      spec: { dialTimeout: '5s' },
    },
  ];
}
