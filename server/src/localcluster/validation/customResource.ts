import type { Diagnostic, JsonSchema, ResourceSchema } from '@dialtone/shared';
import { bundledSchemas, fromPointer, pruneUnknownFields, validateWithSchema } from '@dialtone/shared';
import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';
import type { StatusCause } from '../http/status.js';
import { ApiError, errors } from '../http/status.js';
import type { ResourceType } from '../resources/registry.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

function schemaFor(kind: string): ResourceSchema | undefined {
  // The installed CRDs are master's (resources/crds.ts).
  const schemas = bundledSchemas('master');
  return [schemas.serversTransportTCP, schemas.ingressRouteTCP].find((s) => s.kind === kind);
}

/** `/spec/tls/rootCAs/0` → `spec.tls.rootCAs[0]`, reading the value to tell list indexes from keys. */
export function pointerToField(value: unknown, pointer: string): string {
  let out = '';
  let current = value;
  for (const segment of fromPointer(pointer)) {
    if (Array.isArray(current)) {
      out += `[${segment}]`;
      current = current[Number(segment)];
    } else {
      out += out === '' ? segment : `.${segment}`;
      current = isPlainObject(current) ? current[segment] : undefined;
    }
  }
  return out;
}

function nodeAt(
  schema: JsonSchema,
  value: unknown,
  pointer: string,
): { node: JsonSchema | undefined; value: unknown } {
  let node: JsonSchema | undefined = schema;
  let current = value;
  for (const segment of fromPointer(pointer)) {
    if (!node) break;
    if (Array.isArray(current)) {
      node = node.items;
      current = current[Number(segment)];
    } else {
      // Field names come from the request: read only the schema's and the object's own members.
      const properties = node.properties;
      node =
        (properties && Object.hasOwn(properties, segment) ? properties[segment] : undefined) ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      current = isPlainObject(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
  }
  return { node, value: current };
}

function goTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `"${goTypeName(value)}"`;
}

/** Words a shared diagnostic the way the API server's OpenAPI validator words the same failure. */
function toCause(diagnostic: Diagnostic, schema: JsonSchema, object: unknown): StatusCause {
  const field = pointerToField(object, diagnostic.path);
  const { node, value } = nodeAt(schema, object, diagnostic.path);
  const code = diagnostic.code;
  if (code.endsWith('.required')) return { reason: 'FieldValueRequired', field, message: 'Required value' };
  if (code.endsWith('.enum') && node?.enum) {
    const supported = node.enum.map((v) => JSON.stringify(v)).join(', ');
    return {
      reason: 'FieldValueNotSupported',
      field,
      message: `Unsupported value: ${shown(value)}: supported values: ${supported}`,
    };
  }
  if (code.endsWith('.cel')) {
    const note = node?.['x-dialtone-cel']?.find((n) => n.check === 'exclusive-fields');
    return {
      reason: 'FieldValueInvalid',
      field,
      message: `Invalid value: "object": ${note?.message ?? diagnostic.message}`,
    };
  }
  const invalid = (text: string): StatusCause => ({
    reason: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${shown(value)}: ${text}`,
  });
  if (node) {
    const branch = node['x-kubernetes-int-or-string']
      ? node.anyOf?.find((b) => b.type === goTypeName(value))
      : node;
    if (!branch) return invalid(`${field} in body must be of type integer,string: "${goTypeName(value)}"`);
    const type = branch.type;
    const actual = goTypeName(value);
    if (type && !(actual === type || (type === 'number' && actual === 'integer'))) {
      return invalid(`${field} in body must be of type ${type}: "${actual}"`);
    }
    if (typeof value === 'string') {
      if (branch.maxLength !== undefined && [...value].length > branch.maxLength) {
        return {
          reason: 'FieldValueTooLong',
          field,
          message: `Too long: may not be more than ${branch.maxLength} bytes`,
        };
      }
      if (
        branch.pattern !== undefined &&
        (code.endsWith('.pattern') || code.startsWith('kubernetes.invalid'))
      ) {
        return invalid(`${field} in body should match '${branch.pattern}'`);
      }
    }
    if (typeof value === 'number') {
      if (branch.minimum !== undefined && value < branch.minimum) {
        return invalid(`${field} in body should be greater than or equal to ${branch.minimum}`);
      }
      if (branch.maximum !== undefined && value > branch.maximum) {
        return invalid(`${field} in body should be less than or equal to ${branch.maximum}`);
      }
    }
    if (Array.isArray(value)) {
      if (branch.maxItems !== undefined && value.length > branch.maxItems) {
        return {
          reason: 'FieldValueTooMany',
          field,
          message: `Too many: ${value.length}: must have at most ${branch.maxItems} items`,
        };
      }
      if (branch.minItems !== undefined && value.length < branch.minItems) {
        return invalid(`${field} in body should have at least ${branch.minItems} items`);
      }
    }
    if (node.const !== undefined) return invalid(`must be ${JSON.stringify(node.const)}`);
  }
  return invalid(diagnostic.message);
}

export interface Admitted {
  object: KubeObject;
  warnings: string[];
}

/**
 * Prunes and validates a custom resource as the API server does: unknown fields are dropped (and
 * rejected under Strict, reported as warnings under Warn), then schema failures are a 422 with one
 * cause per field. Rules come from the shared schema code; only their wording is the API server's.
 */
export function admitCustomResource(type: ResourceType, object: KubeObject, mode: FieldValidation): Admitted {
  const resourceSchema = schemaFor(type.kind);
  if (!resourceSchema) return { object, warnings: [] };
  const schema = resourceSchema.schema;
  const { value, removed } = pruneUnknownFields(object, schema);
  const unknown = removed.map((p) => `unknown field "${pointerToField(object, p)}"`);
  if (unknown.length > 0 && mode === 'Strict') {
    throw errors.badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${unknown.join(', ')}`,
    );
  }
  const pruned = value as KubeObject;
  const failures = validateWithSchema(pruned, schema).filter(
    (d) =>
      d.severity === 'error' &&
      (d.source === 'schema' || d.source === 'kubernetes') &&
      !d.code.endsWith('.unknown-field') &&
      // Names are checked before the schema, with the API server's own wording.
      !d.path.startsWith('/metadata/name'),
  );
  if (failures.length > 0) {
    const causes = failures.map((d) => toCause(d, schema, pruned));
    throw errors.invalid(type.kind, type.group, object.metadata.name ?? '', causes);
  }
  return { object: pruned, warnings: mode === 'Warn' ? unknown : [] };
}

export function parseFieldValidation(raw: string | null): FieldValidation {
  if (raw === null || raw === '' || raw === 'Warn') return 'Warn';
  if (raw === 'Strict' || raw === 'Ignore') return raw;
  throw new ApiError(
    400,
    'BadRequest',
    `fieldValidation parameter unsupported: ${raw}. Supported values are: Ignore, Warn, Strict`,
  );
}
