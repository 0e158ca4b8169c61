import type { JsonSchema } from './jsonSchemaTypes.js';

export const DNS1123_SUBDOMAIN_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const DNS1123_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };

/**
 * ObjectMeta as the API server checks it for custom resources. The CRD itself only says
 * `metadata: {type: object}`; the rules come from apimachinery, so failures here are `kubernetes`.
 */
export function objectMetaSchema(namespaced: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    name: {
      type: 'string',
      description:
        'Name of the object: a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit), at most 253 characters.',
      maxLength: 253,
      pattern: DNS1123_SUBDOMAIN_PATTERN,
      'x-dialtone-code': 'kubernetes.invalid-name',
      'x-dialtone-pattern-meaning':
        'a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
    },
    generateName: { type: 'string', description: 'Prefix the API server completes into a unique name.' },
    labels: {
      ...stringMap,
      description: 'Labels; Traefik filters transports with its provider labelSelector.',
    },
    annotations: { ...stringMap, description: 'Annotations.' },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: { type: 'array', items: { type: 'object', additionalProperties: true } },
    // Server-populated fields, accepted on input so that an exported-then-edited object still applies.
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string' },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array', items: { type: 'object', additionalProperties: true } },
    selfLink: { type: 'string' },
  };
  if (namespaced) {
    properties['namespace'] = {
      type: 'string',
      description:
        'Namespace of the object: a DNS-1123 label (lowercase letters, digits and "-"), at most 63 characters.',
      maxLength: 63,
      pattern: DNS1123_LABEL_PATTERN,
      'x-dialtone-code': 'kubernetes.invalid-namespace',
      'x-dialtone-pattern-meaning':
        'a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
    };
  }
  return {
    type: 'object',
    description: 'Standard Kubernetes object metadata.',
    properties,
    additionalProperties: false,
    'x-dialtone-source': 'kubernetes',
  };
}
