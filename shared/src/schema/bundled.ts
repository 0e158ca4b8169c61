import { BUNDLED_CRD_SETS } from './bundledCrds.generated.js';
import type { CustomResourceDefinition } from './crdTypes.js';
import { crdToJsonSchema } from './crdToJsonSchema.js';
import type { ResourceSchema } from './jsonSchemaTypes.js';

/** The Traefik releases whose CRDs ship with Dialtone: the current release and master. */
export type TraefikRelease = keyof typeof BUNDLED_CRD_SETS;
export const TRAEFIK_RELEASES = Object.keys(BUNDLED_CRD_SETS) as TraefikRelease[];
/** Traefik v3.7.9, the release Dialtone is checked against. */
export const DEFAULT_TRAEFIK_RELEASE: TraefikRelease = '3.7';

export interface BundledCrdSet {
  readonly serversTransportTCP: CustomResourceDefinition;
  readonly ingressRouteTCP: CustomResourceDefinition;
  /** Where the files come from (their SOURCE.md). */
  readonly source: string;
}

export interface ResourceSchemas {
  serversTransportTCP: ResourceSchema;
  ingressRouteTCP: ResourceSchema;
}

export function isTraefikRelease(value: string): value is TraefikRelease {
  return Object.hasOwn(BUNDLED_CRD_SETS, value);
}

/** Traefik's upstream CRDs of one release as shipped with Dialtone. */
export function bundledCrdSet(release: TraefikRelease = DEFAULT_TRAEFIK_RELEASE): BundledCrdSet {
  return BUNDLED_CRD_SETS[release];
}

/** The default release's CRDs. */
export const bundledCrds: BundledCrdSet = bundledCrdSet();

const cache = new Map<TraefikRelease, ResourceSchemas>();

/** The schemas built from one release's bundled CRDs; a cluster's installed CRD can replace them. */
export function bundledSchemas(release: TraefikRelease = DEFAULT_TRAEFIK_RELEASE): ResourceSchemas {
  let schemas = cache.get(release);
  if (!schemas) {
    const set = bundledCrdSet(release);
    schemas = {
      serversTransportTCP: crdToJsonSchema(set.serversTransportTCP, { origin: 'bundled' }),
      ingressRouteTCP: crdToJsonSchema(set.ingressRouteTCP, { origin: 'bundled' }),
    };
    cache.set(release, schemas);
  }
  return schemas;
}
