import type { JsonSchema } from './jsonSchemaTypes.js';

export interface FieldInfo {
  /** The schema has the field; an unknown field is pruned or refused by the API server. */
  known: boolean;
  /** The CRD marks it deprecated (Go's "Deprecated:" paragraph, which controller-gen copies). */
  deprecated: boolean;
}

/**
 * What the schema in use says about one field, given as its path below the root (`['spec', 'tls',
 * 'peerCertURI']`), so that deprecations and field sets follow the CRD a cluster or a Traefik release
 * actually has.
 */
export function fieldInfo(schema: JsonSchema, path: readonly string[]): FieldInfo {
  let node: JsonSchema | undefined = schema;
  for (const segment of path) {
    const properties: Record<string, JsonSchema> | undefined = node?.properties;
    node = properties && Object.hasOwn(properties, segment) ? properties[segment] : undefined;
    if (!node) return { known: false, deprecated: false };
  }
  return { known: true, deprecated: /^Deprecated:/m.test(node.description ?? '') };
}
