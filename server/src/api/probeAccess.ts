import type { IngressRouteTCP, ProviderSettings } from '@dialtone/shared';
import { ROUTE_KIND, type ClusterConnection } from '../clusters/index.js';
import type { Identity } from '../identity/index.js';
import {
  kubeClientServiceSource,
  kubeMaterialSource,
  readTransportSpec,
  type ProbeAccess,
} from '../probe/index.js';
import { transportSchemaOf, usagesById, usageOf } from '../transports/index.js';

/**
 * What a probe may read on one cluster, all as the requesting user: the transport, its Secrets and
 * ConfigMaps, the Services and EndpointSlices of targets, and the routes that use the transport.
 */
export function probeAccessFor(
  cluster: ClusterConnection,
  identity: Identity,
  provider: ProviderSettings,
): ProbeAccess {
  const client = cluster.clientFor(identity);
  return {
    provider,
    transportSchema: () => transportSchemaOf(cluster),
    material: kubeMaterialSource(client),
    getTransport: (namespace, name) => readTransportSpec(client, namespace, name),
    services: kubeClientServiceSource(client),
    async usage(namespace, name) {
      const routes = (await client.listAll(ROUTE_KIND)).items as unknown as IngressRouteTCP[];
      return usageOf(usagesById(routes, provider), namespace, name).map((u) => ({
        route: u.route,
        service: u.service,
        tls: u.tls,
        ...(u.nativeLB !== undefined ? { nativeLB: u.nativeLB } : {}),
        ...(u.nodePortLB !== undefined ? { nodePortLB: u.nodePortLB } : {}),
      }));
    },
  };
}
