import {
  bundledSchemas,
  crdToJsonSchema,
  type CustomResourceDefinition,
  type JsonSchema,
  type ResourceSchema,
} from '@dialtone/shared';
import type { KubeClient } from './kubeClient.js';
import { ClusterUnreachableError, KubeApiError } from './kubeErrors.js';

export const TRANSPORT_CRD = 'serverstransporttcps.traefik.io';
export const ROUTE_CRD = 'ingressroutetcps.traefik.io';

export interface SchemaReading {
  schema: ResourceSchema;
  origin: 'cluster' | 'bundled';
  /** Whether the CRD is installed: unknown (undefined) when it could not be read. */
  installed: boolean | undefined;
  /** Why the bundled schema stands in, when it does. */
  reason?: string;
}

// Fields that came and went between Traefik releases, so their presence tells which schema a cluster has.
const OPTIONAL_FIELDS = [
  'proxyProtocol',
  'terminationDelay',
  'tls.rootCAs',
  'tls.rootCAsSecrets',
  'tls.peerCertSANs',
  'tls.peerCertURI',
  'tls.spiffe',
  'tls.certificatesSecrets',
];

function child(schema: JsonSchema | undefined, name: string): JsonSchema | undefined {
  return schema?.properties?.[name];
}

/** The optional fields of a ServersTransportTCP spec that this schema knows. */
export function optionalFields(schema: ResourceSchema): string[] {
  const spec = child(schema.schema, 'spec');
  return OPTIONAL_FIELDS.filter((path) => {
    let node = spec;
    for (const part of path.split('.')) node = child(node, part);
    return node !== undefined;
  });
}

/**
 * The schema of a Traefik kind as the cluster enforces it, read from the installed CRD with the given
 * client; Dialtone's bundled copy when the CRD cannot be read or converted, with the reason.
 */
export async function readSchema(client: KubeClient, crdName: string): Promise<SchemaReading> {
  const bundled =
    crdName === TRANSPORT_CRD ? bundledSchemas().serversTransportTCP : bundledSchemas().ingressRouteTCP;
  let crd: unknown;
  try {
    crd = await client.readCrd(crdName);
  } catch (error) {
    if (error instanceof ClusterUnreachableError) throw error;
    if (error instanceof KubeApiError && error.status === 404) {
      return {
        schema: bundled,
        origin: 'bundled',
        installed: false,
        reason: `the CustomResourceDefinition ${crdName} is not installed in this cluster`,
      };
    }
    if (error instanceof KubeApiError && error.status === 403) {
      return {
        schema: bundled,
        origin: 'bundled',
        installed: undefined,
        reason: `you may not read the CustomResourceDefinition ${crdName}`,
      };
    }
    throw error;
  }
  try {
    return {
      schema: crdToJsonSchema(crd as CustomResourceDefinition, { origin: 'cluster' }),
      origin: 'cluster',
      installed: true,
    };
  } catch (error) {
    return {
      schema: bundled,
      origin: 'bundled',
      installed: true,
      reason: `the installed CustomResourceDefinition ${crdName} could not be converted: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
