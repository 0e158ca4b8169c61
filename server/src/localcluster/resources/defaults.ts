import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';

function defaultSecret(object: KubeObject): void {
  const data: Record<string, string> = isPlainObject(object['data'])
    ? { ...(object['data'] as Record<string, string>) }
    : {};
  const stringData = object['stringData'];
  if (isPlainObject(stringData)) {
    // The API server folds stringData into data on every write and never returns it.
    for (const [key, value] of Object.entries(stringData))
      data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  delete object['stringData'];
  if (Object.keys(data).length > 0) object['data'] = data;
  else delete object['data'];
  if (typeof object['type'] !== 'string' || object['type'] === '') object['type'] = 'Opaque';
}

function defaultNamespace(object: KubeObject): void {
  const status = isPlainObject(object['status']) ? object['status'] : {};
  object['status'] = { ...status, phase: object.metadata.deletionTimestamp ? 'Terminating' : 'Active' };
  const labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name ?? '' };
  object.metadata.labels = labels;
}

/** Stable across restarts and unlikely to collide in a demo-sized cluster; no allocator state to persist. */
function clusterIpFor(namespace: string, name: string): string {
  const digest = createHash('sha256').update(`${namespace}/${name}`).digest();
  return `10.96.${digest[0] ?? 0}.${((digest[1] ?? 0) % 253) + 2}`;
}

const NODE_PORT_FIRST = 30000;
const NODE_PORT_COUNT = 2768;

/** In kube-apiserver's default --service-node-port-range (30000-32767), stable like the ClusterIP. */
function nodePortFor(namespace: string, name: string, port: unknown, taken: Set<number>): number {
  const digest = createHash('sha256')
    .update(`${namespace}/${name}/${String(port)}`)
    .digest();
  let candidate = NODE_PORT_FIRST + (digest.readUInt16BE(0) % NODE_PORT_COUNT);
  while (taken.has(candidate))
    candidate = NODE_PORT_FIRST + ((candidate - NODE_PORT_FIRST + 1) % NODE_PORT_COUNT);
  return candidate;
}

/** NodePort and LoadBalancer Services get a node port per port, as kube-apiserver allocates them. */
function allocateNodePorts(
  object: KubeObject,
  spec: Record<string, unknown>,
  previous?: Record<string, unknown>,
) {
  if ((spec['type'] !== 'NodePort' && spec['type'] !== 'LoadBalancer') || !Array.isArray(spec['ports']))
    return;
  const before = Array.isArray(previous?.['ports']) ? previous['ports'].filter(isPlainObject) : [];
  const ports = spec['ports'].filter(isPlainObject);
  const taken = new Set(ports.map((p) => p['nodePort']).filter((n): n is number => typeof n === 'number'));
  for (const port of ports) {
    if (typeof port['nodePort'] === 'number') continue;
    const kept = before.find((p) => p['port'] === port['port'] && p['name'] === port['name'])?.['nodePort'];
    port['nodePort'] =
      typeof kept === 'number' && !taken.has(kept)
        ? kept
        : nodePortFor(object.metadata.namespace ?? '', object.metadata.name ?? '', port['port'], taken);
    taken.add(port['nodePort'] as number);
  }
}

function defaultService(object: KubeObject, previous: KubeObject | undefined): void {
  const spec: Record<string, unknown> = isPlainObject(object['spec']) ? { ...object['spec'] } : {};
  if (typeof spec['type'] !== 'string') spec['type'] = 'ClusterIP';
  if (typeof spec['sessionAffinity'] !== 'string') spec['sessionAffinity'] = 'None';
  const previousSpec = previous && isPlainObject(previous['spec']) ? previous['spec'] : undefined;
  if (spec['clusterIP'] === undefined && spec['type'] !== 'ExternalName') {
    const kept = previousSpec?.['clusterIP'];
    spec['clusterIP'] =
      typeof kept === 'string'
        ? kept
        : clusterIpFor(object.metadata.namespace ?? '', object.metadata.name ?? '');
  }
  if (typeof spec['clusterIP'] === 'string' && !Array.isArray(spec['clusterIPs']))
    spec['clusterIPs'] = [spec['clusterIP']];
  if (Array.isArray(spec['ports'])) {
    spec['ports'] = spec['ports'].map((p: unknown) => {
      if (!isPlainObject(p)) return p;
      return { protocol: 'TCP', ...p, targetPort: p['targetPort'] ?? p['port'] };
    });
  }
  allocateNodePorts(object, spec, previousSpec);
  object['spec'] = spec;
  if (!isPlainObject(object['status'])) object['status'] = { loadBalancer: {} };
}

/** Defaulting the API server applies to built-in kinds before validation and storage. */
export function applyDefaults(object: KubeObject, previous: KubeObject | undefined): void {
  switch (object.kind) {
    case 'Secret':
      defaultSecret(object);
      break;
    case 'Namespace':
      defaultNamespace(object);
      break;
    case 'Service':
      defaultService(object, previous);
      break;
  }
}
