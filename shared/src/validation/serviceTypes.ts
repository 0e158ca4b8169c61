import type { ServiceTypeLookup } from './lintRoute.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The types of the core/v1 Services among a set of documents (a GitOps folder usually holds the
 * Services beside their routes), so routes to ExternalName Services can be judged without a cluster.
 */
export function serviceTypesOf(values: readonly unknown[], defaultNamespace = 'default'): ServiceTypeLookup {
  const types = new Map<string, string>();
  for (const value of values) {
    if (!isRecord(value) || value['apiVersion'] !== 'v1' || value['kind'] !== 'Service') continue;
    const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
    const spec = isRecord(value['spec']) ? value['spec'] : {};
    if (typeof metadata['name'] !== 'string') continue;
    const namespace =
      typeof metadata['namespace'] === 'string' && metadata['namespace'] !== ''
        ? metadata['namespace']
        : defaultNamespace;
    // The API server defaults an unset type to ClusterIP.
    types.set(
      `${namespace}/${metadata['name']}`,
      typeof spec['type'] === 'string' ? spec['type'] : 'ClusterIP',
    );
  }
  return (namespace, name) => types.get(`${namespace}/${name}`);
}
