import type { ServersTransportTCPSpec } from '@dialtone/shared';
import { KubeApiError, TRANSPORT_KIND, type KubeClient } from '../clusters/index.js';
import type { MaterialLookup, MaterialSource } from './material.js';
import type { Lookup, ServiceSource } from './targets.js';

/** The calls the probe makes through the cluster layer, all with one user's identity. */
export type ProbeKubeClient = Pick<KubeClient, 'readSecret' | 'readConfigMap' | 'get'>;

function missing(error: unknown): 'not-found' | 'forbidden' | undefined {
  if (error instanceof KubeApiError) {
    if (error.status === 404) return 'not-found';
    if (error.status === 401 || error.status === 403) return 'forbidden';
  }
  return undefined;
}

/** Secrets and ConfigMaps through @kubernetes/client-node; Secret values arrive base64 and leave as text. */
export function kubeMaterialSource(client: ProbeKubeClient): MaterialSource {
  return {
    async getSecret(namespace, name): Promise<MaterialLookup> {
      try {
        const secret = await client.readSecret(namespace, name);
        const data: Record<string, string> = {};
        for (const [key, value] of Object.entries(secret.data))
          data[key] = Buffer.from(value, 'base64').toString('utf8');
        return { found: true, data, labels: secret.labels };
      } catch (error) {
        const reason = missing(error);
        if (reason) return { found: false, reason };
        throw error;
      }
    },
    async getConfigMap(namespace, name): Promise<MaterialLookup> {
      try {
        const map = await client.readConfigMap(namespace, name);
        return { found: true, data: map.data, labels: map.labels };
      } catch (error) {
        const reason = missing(error);
        if (reason) return { found: false, reason };
        throw error;
      }
    },
  };
}

/** A saved ServersTransportTCP's spec, read as the user. */
export async function readTransportSpec(
  client: ProbeKubeClient,
  namespace: string,
  name: string,
): Promise<Lookup<ServersTransportTCPSpec>> {
  try {
    const object = await client.get(TRANSPORT_KIND, namespace, name);
    const spec = object['spec'];
    return {
      found: true,
      value: (typeof spec === 'object' && spec !== null ? spec : {}) as ServersTransportTCPSpec,
    };
  } catch (error) {
    const reason = missing(error);
    if (reason) return { found: false, reason };
    throw error;
  }
}

/** The calls service targets need, through the cluster layer with the user's identity. */
export type ProbeServiceClient = Pick<
  KubeClient,
  'readService' | 'listEndpointSlices' | 'listNodeInternalIPs'
>;

/** A read that answers "not found" or "forbidden" as a value, and anything else as an error. */
async function lookup<T>(read: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { found: true, value: await read() };
  } catch (error) {
    const reason = missing(error);
    if (reason) return { found: false, reason };
    throw error;
  }
}

/** Services, EndpointSlices and nodes read as the user, so a probe only reaches backends the user can see. */
export function kubeClientServiceSource(client: ProbeServiceClient): ServiceSource {
  return {
    getService: (namespace, name) => lookup(() => client.readService(namespace, name)),
    listEndpointSlices: (namespace, serviceName) =>
      lookup(() => client.listEndpointSlices(namespace, serviceName)),
    listNodeAddresses: () => lookup(() => client.listNodeInternalIPs()),
  };
}
