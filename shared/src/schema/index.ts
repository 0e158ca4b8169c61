export type { CustomResourceDefinition, OpenApiV3Schema } from './crdTypes.js';
export type { CelRuleNote, JsonSchema, ResourceSchema } from './jsonSchemaTypes.js';
export {
  bundledCrds,
  bundledCrdSet,
  bundledSchemas,
  DEFAULT_TRAEFIK_RELEASE,
  isTraefikRelease,
  TRAEFIK_RELEASES,
  type BundledCrdSet,
  type ResourceSchemas,
  type TraefikRelease,
} from './bundled.js';
export { fieldInfo, type FieldInfo } from './fieldInfo.js';
export {
  CrdSchemaError,
  crdToJsonSchema,
  DURATION_PATTERN,
  type CrdToJsonSchemaOptions,
} from './crdToJsonSchema.js';
export { durationRewriteHint, durationRewrites } from './durationRewrite.js';
export { DNS1123_LABEL_PATTERN, DNS1123_SUBDOMAIN_PATTERN } from './objectMeta.js';
export { pruneUnknownFields } from './prune.js';
export { validateWithSchema } from './validateWithSchema.js';
