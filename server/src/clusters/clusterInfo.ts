import type { ClusterInfo } from '@dialtone/shared';
import type { Identity } from '../identity/index.js';
import { optionalFields } from './clusterSchema.js';
import type { ClusterConnection } from './clusterConnection.js';
import { ClusterUnreachableError, KubeApiError } from './kubeErrors.js';

function reasonOf(error: unknown): string {
  if (error instanceof ClusterUnreachableError) return error.message;
  if (error instanceof KubeApiError) {
    if (error.status === 401)
      return 'the API server does not accept these credentials (401); log in again or fix the kubeconfig user';
    return `the API server answered ${error.status}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What `GET /clusters` says about one cluster, found out with the user's identity. */
export async function describeCluster(cluster: ClusterConnection, identity: Identity): Promise<ClusterInfo> {
  const base = { name: cluster.name, source: cluster.source, server: cluster.server };
  try {
    await cluster.clientFor(identity).version();
    const [transports, routes] = await Promise.all([
      cluster.readSchemaAs(identity, 'transport'),
      cluster.readSchemaAs(identity, 'route'),
    ]);
    return {
      ...base,
      reachable: true,
      traefikCrds: {
        serversTransportTCP: transports.installed === true,
        ingressRouteTCP: routes.installed === true,
        optionalFields: transports.origin === 'cluster' ? optionalFields(transports.schema) : [],
      },
    };
  } catch (error) {
    return {
      ...base,
      reachable: false,
      unreachableReason: reasonOf(error),
      traefikCrds: { serversTransportTCP: false, ingressRouteTCP: false, optionalFields: [] },
    };
  }
}
