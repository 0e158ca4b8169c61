import {
  clusterRequest,
  startLocalCluster,
  type LocalCluster,
} from '../../../server/src/localcluster/index.js';
import { startTraefik, type RunningTraefik } from './traefikProcess.js';

export async function create(local: LocalCluster, path: string, body: object): Promise<void> {
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
export async function service(
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

export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The transports and routes of the Traefik-view judges: one Traefik loads cleanly, one it refuses
 * when it builds the dialer (admitted by the CRD), and one only a Traefik with allowCrossNamespace
 * uses, from a route of another namespace.
 */
export const VIEW_OBJECTS = {
  transports: [
    transport('good', { dialTimeout: '5s' }),
    transport('broken', { proxyProtocol: {} }),
    transport('shared', {}),
  ],
  routes: [
    route('demo', 'route-good', 'ep1', 'good'),
    route('demo', 'route-broken', 'ep2', 'broken'),
    route('edge', 'route-cross', 'ep3', 'demo-shared@kubernetescrd'),
  ],
};

/** An embedded cluster holding `VIEW_OBJECTS`, and Traefik v3.7.9 with allowCrossNamespace once it loaded them. */
export async function startViewScenario(
  logDir: string,
): Promise<{ local: LocalCluster; traefik: RunningTraefik }> {
  const local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
  for (const ns of ['demo', 'edge', 'traefik'])
    await create(local, '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
  for (const object of VIEW_OBJECTS.transports)
    await create(local, crds('demo', 'serverstransporttcps'), object);
  await service(local, 'demo', 'backend', 'tcp', 1);
  for (const object of VIEW_OBJECTS.routes)
    await create(local, crds(object.metadata.namespace, 'ingressroutetcps'), object);
  const traefik = await startTraefik({
    endpoint: local.url,
    token: local.tokens.admin,
    caPem: local.ca,
    // ep4 is free for a judge's own route, added once Traefik runs.
    entryPoints: ['ep1', 'ep2', 'ep3', 'ep4'],
    namespaces: ['demo', 'edge'],
    allowCrossNamespace: true,
    logDir,
  });
  await until(
    'Traefik to load the three routers',
    () => traefik.routers(),
    (r) => r.length >= 3,
  );
  return { local, traefik };
}
