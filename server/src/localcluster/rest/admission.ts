import type { KubeObject } from '../types.js';
import { clone, isPlainObject } from '../types.js';
import type { ResourceType } from '../resources/registry.js';
import { apiVersionOf } from '../resources/registry.js';
import { applyDefaults } from '../resources/defaults.js';
import type { StatusCause } from '../http/status.js';
import { errors } from '../http/status.js';
import { validateAnnotations, validateLabels, validateName } from '../validation/objectMeta.js';
import { admitCustomResource } from '../validation/customResource.js';
import { checkBuiltinFields } from '../validation/builtinFields.js';
import { admitWebhookConfiguration } from '../webhooks/configuration.js';
import type { WriteOptions } from './types.js';

/** Validation and defaulting before a write: object meta rules, then the CRD schema or the built-in defaults. */
export function admitObject(
  type: ResourceType,
  object: KubeObject,
  previous: KubeObject | undefined,
  options: WriteOptions,
): { object: KubeObject; warnings: string[] } {
  const causes: StatusCause[] = [];
  const name = object.metadata.name ?? '';
  causes.push(...validateName(name, type.kind === 'Namespace' || type.kind === 'Service'));
  causes.push(...validateLabels(object.metadata.labels));
  causes.push(...validateAnnotations(object.metadata.annotations));
  if (object.metadata.finalizers !== undefined && !Array.isArray(object.metadata.finalizers)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'metadata.finalizers',
      message: 'Invalid value: must be a list of strings',
    });
  }
  if (causes.length > 0) throw errors.invalid(type.kind, type.group, name, causes);
  if (type.class === 'custom') return admitCustomResource(type, object, options.fieldValidation);
  const warnings = checkBuiltinFields(object, type.version, options.fieldValidation);
  if (type.kind === 'ValidatingWebhookConfiguration') admitWebhookConfiguration(object);
  applyDefaults(object, previous);
  return { object, warnings };
}

export function decodeObject(type: ResourceType, body: unknown, namespace: string | undefined): KubeObject {
  if (!isPlainObject(body)) {
    throw errors.badRequest(
      `the body of the request could not be decoded as a ${type.kind}: it must be a JSON object`,
    );
  }
  const object = clone(body) as KubeObject;
  const expected = apiVersionOf(type);
  if (object.apiVersion !== undefined && object.apiVersion !== '' && object.apiVersion !== expected) {
    throw errors.badRequest(
      `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (object.kind !== undefined && object.kind !== '' && object.kind !== type.kind) {
    throw errors.badRequest(
      `the kind in the data (${String(object.kind)}) does not match the expected kind (${type.kind})`,
    );
  }
  object.apiVersion = expected;
  object.kind = type.kind;
  if (!isPlainObject(object.metadata)) object.metadata = {};
  const meta = object.metadata;
  if (type.namespaced) {
    if (meta.namespace && meta.namespace !== namespace) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = namespace;
  } else delete meta.namespace;
  return object;
}
