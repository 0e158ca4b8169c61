import { bundledSchemas, type ResourceSchema } from '@dialtone/shared';
import type { ClusterConnection } from '../clusters/index.js';

/** The cluster's ServersTransportTCP schema, or the bundled one while the cluster cannot say. */
export async function transportSchemaOf(cluster: ClusterConnection): Promise<ResourceSchema> {
  try {
    return (await cluster.transportSchema()).schema;
  } catch {
    return bundledSchemas().serversTransportTCP;
  }
}
