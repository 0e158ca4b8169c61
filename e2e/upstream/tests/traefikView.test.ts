import { mkdirSync } from 'node:fs';
import type { TraefikOverviewResponse, TransportTraefikResponse } from '@dialtone/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterRequest,
  startLocalCluster,
  type LocalCluster,
} from '../../../server/src/localcluster/index.js';
import { startDialtone, type DialtoneServer } from '../traefik/dialtone.js';
import { startTraefik, type RunningTraefik } from '../traefik/traefikProcess.js';

const LOG_DIR = '.reports/judges/traefik-view';
const CONTEXT = 'dialtone-local-admin';

async function create(local: LocalCluster, path: string, body: object): Promise<void> {
  const answer = await clusterRequest({ url: local.url, ca: local.ca, token: local.tokens.admin }, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${answer.text}`);
}

const crds = (ns: string, plural: string) => `/apis/traefik.io/v1alpha1/namespaces/${ns}/${plural}`;

function transport(name: string, spec: object) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name, namespace: 'demo' },
    spec,
  };
}

function route(namespace: string, name: string, entryPoint: string, serversTransport: string) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name, namespace },
    spec: {
      entryPoints: [entryPoint],
      routes: [
        {
          match: 'HostSNI(`*`)',
          services: [{ name: 'backend', namespace: 'demo', port: 9000, serversTransport }],
        },
      ],
    },
  };
}

/** A Service with one endpoint on loopback, port named as Traefik's Helm chart names its API port. */
async function service(
  local: LocalCluster,
  namespace: string,
  name: string,
  portName: string,
  port: number,
  labels = {},
) {
  await create(local, `/api/v1/namespaces/${namespace}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: { ports: [{ name: portName, port: 9000, targetPort: port }] },
  });
  await create(local, `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-1`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    ports: [{ name: portName, port }],
    endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
  });
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("Traefik v3.7.9's own view, read by Dialtone from the embedded cluster's Traefik", () => {
  let local: LocalCluster;
  let traefik: RunningTraefik;
  let dialtone: DialtoneServer;

  beforeAll(async () => {
    mkdirSync(LOG_DIR, { recursive: true });
    local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
    for (const ns of ['demo', 'edge', 'traefik'])
      await create(local, '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    await create(local, crds('demo', 'serverstransporttcps'), transport('good', { dialTimeout: '5s' }));
    // Admitted by the CRD; Traefik refuses it when it builds the dialer.
    await create(local, crds('demo', 'serverstransporttcps'), transport('broken', { proxyProtocol: {} }));
    await create(local, crds('demo', 'serverstransporttcps'), transport('shared', {}));
    await service(local, 'demo', 'backend', 'tcp', 1);
    await create(local, crds('demo', 'ingressroutetcps'), route('demo', 'route-good', 'ep1', 'good'));
    await create(local, crds('demo', 'ingressroutetcps'), route('demo', 'route-broken', 'ep2', 'broken'));
    // Served only by a Traefik with allowCrossNamespace, which Dialtone is not told about.
    await create(
      local,
      crds('edge', 'ingressroutetcps'),
      route('edge', 'route-cross', 'ep3', 'demo-shared@kubernetescrd'),
    );
    traefik = await startTraefik({
      endpoint: local.url,
      token: local.tokens.admin,
      caPem: local.ca,
      entryPoints: ['ep1', 'ep2', 'ep3'],
      namespaces: ['demo', 'edge'],
      allowCrossNamespace: true,
      logDir: LOG_DIR,
    });
    await until(
      'Traefik to load the three routers',
      () => traefik.routers(),
      (r) => r.length >= 3,
    );
    const apiPort = Number(new URL(traefik.apiUrl).port);
    await service(local, 'traefik', 'traefik', 'traefik', apiPort, { 'app.kubernetes.io/name': 'traefik' });
    dialtone = await startDialtone(local.kubeconfigPath, LOG_DIR, [
      '--traefik-api',
      `${CONTEXT}=${traefik.apiUrl}`,
      '--traefik-api',
      `${CONTEXT}=service:traefik/traefik:traefik`,
    ]);
  }, 180_000);

  afterAll(async () => {
    await dialtone?.close();
    await traefik?.close();
    await local?.close();
  });

  it('reads the same Traefik directly and through the service proxy, and the list verdicts are its statuses', async () => {
    const overview = await dialtone.get<TraefikOverviewResponse>('/traefik');
    expect(overview.instances.map((i) => [i.instance.via, i.state, i.version])).toEqual([
      ['direct', 'ok', '3.7.9'],
      ['service-proxy', 'ok', '3.7.9'],
    ]);
    for (const instance of overview.instances) {
      expect(instance.transports['demo-good@kubernetescrd']).toEqual({
        verdict: 'loaded',
        routers: 1,
        routersInError: 0,
      });
      expect(instance.transports['demo-broken@kubernetescrd']).toMatchObject({
        verdict: 'in-error',
        routersInError: 1,
      });
    }
  });

  it("shows Traefik's own errors for the route of the broken transport, mapped to its IngressRouteTCP", async () => {
    const fromTraefik = (await traefik.routers()).find((r) => r.entryPoints?.includes('ep2'));
    // Traefik refuses the dialer when it builds the router: the error is the router's.
    expect(fromTraefik).toMatchObject({ status: 'disabled', error: ['unknown proxyProtocol version: 0'] });
    const view = await dialtone.get<TransportTraefikResponse>('/namespaces/demo/transports/broken/traefik');
    for (const instance of view.instances) {
      expect(instance.verdict).toBe('in-error');
      // The router Dialtone computes from the route is the one Traefik made.
      expect(instance.routers).toEqual([
        expect.objectContaining({
          name: fromTraefik?.name,
          status: 'disabled',
          errors: ['unknown proxyProtocol version: 0'],
          origin: { namespace: 'demo', name: 'route-broken', routeIndex: 0 },
        }),
      ]);
      expect(instance.services[0]).toMatchObject({
        serversTransport: 'demo-broken@kubernetescrd',
        origin: { namespace: 'demo', name: 'route-broken', routeIndex: 0 },
      });
      expect(instance.missingRouters).toEqual([]);
      // Dialtone predicts the same refusal, so the page says they agree.
      expect(instance.prediction.verdict).toBe('in-error');
      expect(instance.disagreements).toEqual([]);
    }
  });

  it('agrees where Traefik loaded what Dialtone predicted', async () => {
    const view = await dialtone.get<TransportTraefikResponse>('/namespaces/demo/transports/good/traefik');
    expect(view.instances[0]).toMatchObject({ verdict: 'loaded', disagreements: [], missingRouters: [] });
  });

  it('says where they disagree because Traefik runs with allowCrossNamespace and Dialtone assumes it off', async () => {
    const view = await dialtone.get<TransportTraefikResponse>('/namespaces/demo/transports/shared/traefik');
    const [direct] = view.instances;
    expect(direct?.verdict).toBe('loaded');
    expect(direct?.prediction.verdict).toBe('not-used');
    expect(direct?.routers[0]?.origin).toEqual({ namespace: 'edge', name: 'route-cross', routeIndex: 0 });
    expect(direct?.disagreements[0]?.dialtone).toBe('Dialtone predicted that no route uses it');
    expect(direct?.disagreements[0]?.explanations.join('\n')).toMatch(/allowCrossNamespace/);
  });
});
