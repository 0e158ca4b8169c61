/** A core/v1 ServicePort as Traefik reads it. */
export interface ServicePortInfo {
  name: string;
  port: number;
  nodePort: number;
}

export interface ServiceInfo {
  /** The API server defaults an unset type to ClusterIP. */
  type: string;
  /** Empty when the manifest leaves it to the API server to assign. */
  clusterIP: string;
  ports: ServicePortInfo[];
}

export interface EndpointSliceInfo {
  /** `ports[].name`, undefined where the slice leaves it out (Traefik never matches those). */
  ports: { name: string | undefined; port: number }[];
  /** Addresses of the endpoints whose `conditions.ready` is true. */
  readyAddresses: string[];
}

/** The kinds of objects around a route that the provider's checks read. */
export type ClusterKind = 'Service' | 'EndpointSlice' | 'Node';

/**
 * The Services, EndpointSlices and Nodes among a set of documents (a GitOps folder often holds the
 * Services beside their routes; a `kubectl get -o yaml` dump holds all three), so the provider's
 * decisions about a route's services can be judged without a cluster.
 */
export interface ClusterObjects {
  service(namespace: string, name: string): ServiceInfo | undefined;
  /** The slices labelled `kubernetes.io/service-name: name` in the namespace. */
  endpointSlices(namespace: string, name: string): EndpointSliceInfo[];
  /** InternalIP addresses of every Node. */
  nodeInternalIPs(): string[];
  holds(kind: ClusterKind): boolean;
  /** Kinds a check needed but the input does not hold, so the check was left out. */
  readonly missing: Set<ClusterKind>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function recordAt(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const inner = value[key];
  return isRecord(inner) ? inner : {};
}

function listAt(value: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const inner = value[key];
  return Array.isArray(inner) ? inner.filter(isRecord) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function int(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

function serviceInfo(spec: Record<string, unknown>): ServiceInfo {
  return {
    type: text(spec['type']) || 'ClusterIP',
    clusterIP: text(spec['clusterIP']),
    ports: listAt(spec, 'ports').map((p) => ({
      name: text(p['name']),
      port: int(p['port']),
      nodePort: int(p['nodePort']),
    })),
  };
}

function sliceInfo(slice: Record<string, unknown>): EndpointSliceInfo {
  return {
    ports: listAt(slice, 'ports').map((p) => ({
      name: typeof p['name'] === 'string' ? p['name'] : undefined,
      port: int(p['port']),
    })),
    readyAddresses: listAt(slice, 'endpoints')
      .filter((e) => recordAt(e, 'conditions')['ready'] === true)
      .flatMap((e) =>
        Array.isArray(e['addresses']) ? e['addresses'].filter((a) => typeof a === 'string') : [],
      ),
  };
}

/** Indexes the Services, EndpointSlices and Nodes of the given documents. */
export function clusterObjectsOf(values: readonly unknown[], defaultNamespace = 'default'): ClusterObjects {
  const services = new Map<string, ServiceInfo>();
  const slices = new Map<string, EndpointSliceInfo[]>();
  const nodeIPs: string[] = [];
  const held = new Set<ClusterKind>();
  for (const value of values) {
    if (!isRecord(value)) continue;
    const metadata = recordAt(value, 'metadata');
    const namespace = text(metadata['namespace']) || defaultNamespace;
    const { apiVersion, kind } = value;
    if (apiVersion === 'v1' && kind === 'Service' && typeof metadata['name'] === 'string') {
      held.add('Service');
      services.set(`${namespace}/${metadata['name']}`, serviceInfo(recordAt(value, 'spec')));
    } else if (
      typeof apiVersion === 'string' &&
      apiVersion.startsWith('discovery.k8s.io/') &&
      kind === 'EndpointSlice'
    ) {
      held.add('EndpointSlice');
      const owner = text(recordAt(metadata, 'labels')['kubernetes.io/service-name']);
      const key = `${namespace}/${owner}`;
      slices.set(key, [...(slices.get(key) ?? []), sliceInfo(value)]);
    } else if (apiVersion === 'v1' && kind === 'Node') {
      held.add('Node');
      for (const address of listAt(recordAt(value, 'status'), 'addresses')) {
        if (address['type'] === 'InternalIP' && typeof address['address'] === 'string')
          nodeIPs.push(address['address']);
      }
    }
  }
  return {
    service: (namespace, name) => services.get(`${namespace}/${name}`),
    endpointSlices: (namespace, name) => slices.get(`${namespace}/${name}`) ?? [],
    nodeInternalIPs: () => [...nodeIPs],
    holds: (kind) => held.has(kind),
    missing: new Set(),
  };
}
