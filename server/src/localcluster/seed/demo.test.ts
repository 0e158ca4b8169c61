import { X509Certificate } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { startTestCluster, STT } from '../testing/harness.js';

let t: TestCluster;
let core: k8s.CoreV1Api;
let co: k8s.CustomObjectsApi;

beforeAll(async () => {
  t = await startTestCluster({ seed: 'demo' });
  core = t.kc.makeApiClient(k8s.CoreV1Api);
  co = t.kc.makeApiClient(k8s.CustomObjectsApi);
}, 60_000);
afterAll(() => t.close());

async function secretPem(name: string, key: string): Promise<string> {
  const secret = await core.readNamespacedSecret({ namespace: 'demo', name });
  return Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
}

async function backendPort(service: string): Promise<number> {
  const api = t.kc.makeApiClient(k8s.DiscoveryV1Api);
  const slices = await api.listNamespacedEndpointSlice({
    namespace: 'demo',
    labelSelector: `kubernetes.io/service-name=${service}`,
  });
  return slices.items[0]?.ports?.[0]?.port ?? 0;
}

type Outcome = 'ok' | 'refused' | 'timeout' | `error: ${string}`;

function tlsOutcome(
  port: number,
  options: { ca: string; servername?: string; cert?: string; key?: string },
  waitMs = 4000,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connectTls({ host: '127.0.0.1', port, ...options });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, waitMs);
    socket.once('secureConnect', () => {
      // TLS 1.3 reports a refused client certificate only after the handshake, on the first read.
      socket.write('ping');
      socket.once('data', () => {
        clearTimeout(timer);
        socket.destroy();
        resolve('ok');
      });
    });
    // `on`, not `once`: a reset arriving after the outcome is known must not escape the test.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : `error: ${error.code ?? error.message}`);
    });
  });
}

describe('the demo seed', () => {
  it('creates the demo namespaces and transports covering every field, including broken ones', async () => {
    const namespaces = (await core.listNamespace()).items.map((n) => n.metadata?.name);
    expect(namespaces).toEqual(expect.arrayContaining(['demo', 'payments', 'edge']));
    const transports = (await co.listClusterCustomObject({ ...STT })).items as {
      metadata: { name: string };
      spec: Record<string, unknown>;
    }[];
    expect(transports.length).toBeGreaterThanOrEqual(10);
    const fields = new Set(
      transports.flatMap((o) => [
        ...Object.keys(o.spec),
        ...Object.keys((o.spec['tls'] as Record<string, unknown> | undefined) ?? {}).map((k) => `tls.${k}`),
      ]),
    );
    for (const field of [
      'dialTimeout',
      'dialKeepAlive',
      'terminationDelay',
      'proxyProtocol',
      'tls.serverName',
      'tls.rootCAs',
      'tls.rootCAsSecrets',
      'tls.certificatesSecrets',
      'tls.insecureSkipVerify',
      'tls.peerCertURI',
      'tls.peerCertSANs',
      'tls.spiffe',
    ]) {
      expect(fields, field).toContain(field);
    }
    const names = transports.map((o) => o.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining(['zero-timeout', 'missing-secret', 'spiffe-and-tls', 'unused']),
    );
  });

  it('routes reference transports in every way Traefik resolves them', async () => {
    const routes = (
      await co.listClusterCustomObject({
        group: 'traefik.io',
        version: 'v1alpha1',
        plural: 'ingressroutetcps',
      })
    ).items as { spec: { routes: { services: { serversTransport?: string }[] }[] } }[];
    const refs = routes.flatMap((r) =>
      r.spec.routes.flatMap((route) => route.services.map((s) => s.serversTransport)),
    );
    expect(refs).toEqual(
      expect.arrayContaining([
        'plain-tcp',
        'demo-proxy-v2@kubernetescrd',
        'default@internal',
        'no-such-transport',
        undefined,
      ]),
    );
    expect(refs).not.toContain('unused');
  });

  it('generates certificates at seed time: a CA, a SPIFFE URI SAN, an expired one and a wrong host name', async () => {
    const ca = new X509Certificate(await secretPem('demo-ca', 'ca.crt'));
    expect(ca.ca).toBe(true);
    const server = new X509Certificate(await secretPem('backend-tls', 'tls.crt'));
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('backend.demo.svc')).toBe('backend.demo.svc');
    expect(new X509Certificate(await secretPem('spiffe-backend-tls', 'tls.crt')).subjectAltName).toContain(
      'URI:spiffe://demo.dialtone.dev/ns/demo/sa/backend',
    );
    expect(
      Date.parse(new X509Certificate(await secretPem('expired-backend-tls', 'tls.crt')).validTo),
    ).toBeLessThan(Date.now());
    expect(
      new X509Certificate(await secretPem('wrong-host-backend-tls', 'tls.crt')).checkHost('backend.demo.svc'),
    ).toBeUndefined();
    const legacy = await core.readNamespacedSecret({ namespace: 'demo', name: 'legacy-ca' });
    expect(Object.keys(legacy.data ?? {})).toEqual(['root.pem']);
  });

  it('starts backends that behave as their names say', async () => {
    const ca = await secretPem('demo-ca', 'ca.crt');
    const client = {
      cert: await secretPem('client-cert', 'tls.crt'),
      key: await secretPem('client-cert', 'tls.key'),
    };
    const servername = 'backend.demo.svc';
    expect(await tlsOutcome(await backendPort('tls-backend'), { ca, servername })).toBe('ok');
    expect(await tlsOutcome(await backendPort('mtls-backend'), { ca, servername, ...client })).toBe('ok');
    expect(await tlsOutcome(await backendPort('mtls-backend'), { ca, servername })).toMatch(/^error/);
    expect(await tlsOutcome(await backendPort('expired-backend'), { ca, servername })).toBe(
      'error: CERT_HAS_EXPIRED',
    );
    expect(await tlsOutcome(await backendPort('wrong-host-backend'), { ca, servername })).toBe(
      'error: ERR_TLS_CERT_ALTNAME_INVALID',
    );
    expect(await tlsOutcome(await backendPort('stall-backend'), { ca, servername }, 1000)).toBe('timeout');
    expect(await tlsOutcome(await backendPort('closed-backend'), { ca })).toBe('refused');
    const echoed = await new Promise<string>((resolve, reject) => {
      backendPort('echo').then((port) => {
        const socket = connectTcp(port, '127.0.0.1', () => socket.write('hello'));
        socket.once('data', (d) => {
          socket.destroy();
          resolve(d.toString());
        });
        socket.once('error', reject);
      }, reject);
    });
    expect(echoed).toBe('hello');
  });
});
