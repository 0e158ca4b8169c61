import {
  ISOLATED_NS,
  namespaceOf,
  NS,
  OTHER_NS,
  ROOT_CA_SECRET,
  caSecret,
  sharedTransports,
  type JudgeCase,
  type KubeObject,
  type Pki,
} from './corpus.js';

/** How backends on 127.0.0.1 are reached: EndpointSlices (the embedded cluster) or ExternalName `localhost` (kube-apiserver refuses loopback endpoints). */
export type BackendReach = 'endpoints' | 'externalName';

const SERVICE_PORT = 8000;
/** A routing case's Service points here: never dialled, and not loopback, which kube-apiserver refuses. */
const UNDIALLED_ADDRESS = '10.200.0.5';

export function transportObject(c: JudgeCase): KubeObject | undefined {
  if (c.transport === false || c.transport === undefined) return undefined;
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name: c.id, namespace: namespaceOf(c) },
    spec: c.transport,
  };
}

export function routeObject(
  c: JudgeCase,
  entryPoint: string,
  backendPort: number | undefined,
  reach: BackendReach,
): KubeObject {
  const reference = c.route?.serversTransport ?? (c.transport === false ? undefined : c.id);
  const services =
    c.group === 'backend'
      ? [{ name: c.id, port: reach === 'endpoints' ? SERVICE_PORT : (backendPort ?? 0), tls: c.tls ?? false }]
      : (c.route?.services ?? []).map((s) => ({
          name: s.name,
          port: SERVICE_PORT,
          ...(s.namespace ? { namespace: s.namespace } : {}),
        }));
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name: c.id, namespace: namespaceOf(c) },
    spec: {
      entryPoints: [entryPoint],
      routes: [
        {
          match: 'HostSNI(`*`)',
          services: services.map((s) => (reference ? { ...s, serversTransport: reference } : s)),
        },
      ],
    },
  };
}

/** The Service (and EndpointSlice) in front of a backend case's backend. */
export function backendServiceObjects(c: JudgeCase, backendPort: number, reach: BackendReach): KubeObject[] {
  if (reach === 'externalName') {
    return [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: c.id, namespace: namespaceOf(c) },
        spec: {
          type: 'ExternalName',
          externalName: 'localhost',
          ports: [{ name: 'main', port: backendPort, protocol: 'TCP' }],
        },
      },
    ];
  }
  return serviceWithEndpoints(c.id, namespaceOf(c), '127.0.0.1', backendPort);
}

function serviceWithEndpoints(
  name: string,
  namespace: string,
  address: string,
  targetPort: number,
): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { ports: [{ name: 'main', port: SERVICE_PORT, targetPort, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-judge`, namespace, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [address], conditions: { ready: true } }],
      ports: [{ name: 'main', port: targetPort, protocol: 'TCP' }],
    },
  ];
}

/** Namespaces, the shared CA Secret, the routing cases' Services and the transports they name by ID. */
export function commonObjects(pki: Pki): KubeObject[] {
  const external = (namespace: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc-external', namespace },
    spec: {
      type: 'ExternalName',
      externalName: 'backend.judge.invalid',
      ports: [{ name: 'main', port: SERVICE_PORT, protocol: 'TCP' }],
    },
  });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: OTHER_NS } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ISOLATED_NS } },
    caSecret(ROOT_CA_SECRET, pki.root.certPem),
    caSecret(ROOT_CA_SECRET, pki.root.certPem, ISOLATED_NS),
    ...serviceWithEndpoints('svc-a', NS, UNDIALLED_ADDRESS, 8080),
    ...serviceWithEndpoints('svc-a', OTHER_NS, UNDIALLED_ADDRESS, 8080),
    external(NS),
    ...sharedTransports(),
  ];
}
