import {
  BUNDLED_CRD_SOURCE,
  bundledIngressRouteTCPCrd,
  bundledServersTransportTCPCrd,
} from './bundledCrds.generated.js';
import type { CustomResourceDefinition } from './crdTypes.js';
import { crdToJsonSchema } from './crdToJsonSchema.js';
import type { ResourceSchema } from './jsonSchemaTypes.js';

/** Traefik's upstream CRDs as shipped with Dialtone, with the note saying where they come from. */
export const bundledCrds: {
  readonly serversTransportTCP: CustomResourceDefinition;
  readonly ingressRouteTCP: CustomResourceDefinition;
  readonly source: string;
} = {
  serversTransportTCP: bundledServersTransportTCPCrd,
  ingressRouteTCP: bundledIngressRouteTCPCrd,
  source: BUNDLED_CRD_SOURCE,
};

let cache: { serversTransportTCP: ResourceSchema; ingressRouteTCP: ResourceSchema } | undefined;

/** The schemas built from the bundled CRDs; a cluster's installed CRD can replace them. */
export function bundledSchemas(): { serversTransportTCP: ResourceSchema; ingressRouteTCP: ResourceSchema } {
  cache ??= {
    serversTransportTCP: crdToJsonSchema(bundledCrds.serversTransportTCP, { origin: 'bundled' }),
    ingressRouteTCP: crdToJsonSchema(bundledCrds.ingressRouteTCP, { origin: 'bundled' }),
  };
  return cache;
}
