import { interpretCelRule } from './celRules.js';
import type { CustomResourceDefinition, OpenApiV3Schema } from './crdTypes.js';
import type { JsonSchema, ResourceSchema } from './jsonSchemaTypes.js';
import { objectMetaSchema } from './objectMeta.js';

export class CrdSchemaError extends Error {
  override readonly name = 'CrdSchemaError';
}

export const DURATION_PATTERN = '^([0-9]+(ns|us|µs|ms|s|m|h)?)+$';

const PATTERN_MEANINGS: Readonly<Record<string, string>> = {
  [DURATION_PATTERN]:
    'a duration such as 30s, 100ms or 1h30m: digit groups with the units ns, us, µs (U+00B5), ms, s, m or h, and no sign, spaces or decimal point',
};

function convert(node: OpenApiV3Schema): JsonSchema {
  const out: JsonSchema = {};
  if (node.description !== undefined) out.description = node.description;
  if (node.nullable) out.nullable = true;
  if (node.default !== undefined) out.default = node.default;
  if (node.enum) out.enum = [...node.enum];

  if (node['x-kubernetes-int-or-string']) {
    // The API server applies string keywords (pattern, lengths) to string values only, so a
    // negative integer passes a duration pattern. Placing them on the string branch says exactly that.
    const stringBranch: JsonSchema = { type: 'string' };
    if (node.pattern !== undefined) {
      stringBranch.pattern = node.pattern;
      const meaning = PATTERN_MEANINGS[node.pattern];
      if (meaning) stringBranch['x-dialtone-pattern-meaning'] = meaning;
    }
    if (node.maxLength !== undefined) stringBranch.maxLength = node.maxLength;
    if (node.minLength !== undefined) stringBranch.minLength = node.minLength;
    const integerBranch: JsonSchema = { type: 'integer' };
    if (node.minimum !== undefined) integerBranch.minimum = node.minimum;
    if (node.maximum !== undefined) integerBranch.maximum = node.maximum;
    out.anyOf = [integerBranch, stringBranch];
    out['x-kubernetes-int-or-string'] = true;
  } else {
    if (node.type !== undefined) out.type = node.type;
    if (node.pattern !== undefined) out.pattern = node.pattern;
    if (node.minimum !== undefined) out.minimum = node.minimum;
    if (node.maximum !== undefined) out.maximum = node.maximum;
    if (node.minLength !== undefined) out.minLength = node.minLength;
    if (node.maxLength !== undefined) out.maxLength = node.maxLength;
    if (node.minItems !== undefined) out.minItems = node.minItems;
    if (node.maxItems !== undefined) out.maxItems = node.maxItems;
    if (node.anyOf) out.anyOf = node.anyOf.map(convert);
  }

  if (node.items) out.items = convert(node.items);
  if (node.properties) {
    out.properties = {};
    for (const [key, child] of Object.entries(node.properties)) out.properties[key] = convert(child);
  }
  if (node.type === 'object' || node.properties) {
    if (node['x-kubernetes-preserve-unknown-fields']) {
      out['x-kubernetes-preserve-unknown-fields'] = true;
      out.additionalProperties = true;
    } else if (typeof node.additionalProperties === 'object') {
      out.additionalProperties = convert(node.additionalProperties);
    } else {
      // Structural schemas prune every field they do not name; strict field validation rejects it.
      out.additionalProperties = false;
    }
  }
  if (node.required && node.required.length > 0) out.required = [...node.required];

  const rules = node['x-kubernetes-validations'];
  if (rules && rules.length > 0) {
    const notes = rules.map((r) => interpretCelRule(r.rule, r.message));
    out['x-dialtone-cel'] = notes;
    for (const note of notes) {
      if (note.check === 'exclusive-fields' && note.fields) {
        // Editors that only speak JSON Schema (monaco-yaml) get the same rule as `not: required`.
        out.not = { required: [...note.fields] };
      }
    }
  }
  return out;
}

export interface CrdToJsonSchemaOptions {
  /** Which version to use; default the storage version, else the first served one. */
  version?: string;
  origin?: ResourceSchema['origin'];
}

/**
 * Turns a CRD object (bundled or read from a cluster) into the JSON Schema every part of Dialtone
 * validates against, with the root apiVersion, kind and metadata rules of the API server added.
 */
export function crdToJsonSchema(
  crd: CustomResourceDefinition,
  options: CrdToJsonSchemaOptions = {},
): ResourceSchema {
  const versions = crd.spec.versions;
  const chosen =
    options.version !== undefined
      ? versions.find((v) => v.name === options.version)
      : (versions.find((v) => v.storage) ?? versions.find((v) => v.served));
  if (!chosen) {
    throw new CrdSchemaError(
      `The CRD ${crd.metadata.name} has no version ${options.version ?? '(served)'}; it offers ${versions.map((v) => v.name).join(', ') || 'none'}.`,
    );
  }
  const root = chosen.schema?.openAPIV3Schema;
  if (!root) {
    throw new CrdSchemaError(`The CRD ${crd.metadata.name} version ${chosen.name} has no openAPIV3Schema.`);
  }
  const { group, names, scope } = crd.spec;
  const apiVersion = `${group}/${chosen.name}`;
  const schema = convert(root);
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  schema.$id = `https://dialtone.dev/schemas/${group}/${chosen.name}/${names.kind}.json`;
  schema.title = names.kind;
  schema.type = 'object';
  schema.properties = {
    ...schema.properties,
    apiVersion: {
      ...schema.properties?.['apiVersion'],
      type: 'string',
      const: apiVersion,
      'x-dialtone-source': 'kubernetes',
      'x-dialtone-code': 'kubernetes.wrong-api-version',
    },
    kind: {
      ...schema.properties?.['kind'],
      type: 'string',
      const: names.kind,
      'x-dialtone-source': 'kubernetes',
      'x-dialtone-code': 'kubernetes.wrong-kind',
    },
    metadata: objectMetaSchema(scope === 'Namespaced'),
  };
  // The API server cannot map an object without apiVersion and kind to a resource at all.
  schema.required = [...new Set(['apiVersion', 'kind', ...(schema.required ?? [])])];
  schema.additionalProperties = false;
  return {
    group,
    version: chosen.name,
    kind: names.kind,
    plural: names.plural,
    namespaced: scope === 'Namespaced',
    origin: options.origin ?? 'cluster',
    schema,
  };
}
