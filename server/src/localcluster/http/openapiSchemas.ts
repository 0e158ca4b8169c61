import { bundledCrdSet } from '@dialtone/shared';
import type { ResourceType } from '../resources/registry.js';

type Schema = Record<string, unknown>;

export const OBJECT_META_REF = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const str: Schema = { type: 'string' };
const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string', default: '' } };
const ref = (name: string): Schema => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] });

export const objectMetaSchema: Schema = {
  description: 'ObjectMeta is metadata that all persisted resources must have.',
  type: 'object',
  properties: {
    name: { ...str, description: 'Name must be unique within a namespace.' },
    generateName: { ...str, description: 'Prefix the server uses to generate a unique name.' },
    namespace: { ...str, description: 'Namespace defines the space within which each name must be unique.' },
    uid: str,
    resourceVersion: str,
    generation: { type: 'integer', format: 'int64' },
    creationTimestamp: { type: 'string', format: 'date-time' },
    deletionTimestamp: { type: 'string', format: 'date-time' },
    deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
    labels: {
      ...stringMap,
      description: 'Map of string keys and values used to organize and select objects.',
    },
    annotations: { ...stringMap, description: 'Unstructured key value map stored with a resource.' },
    finalizers: {
      type: 'array',
      items: { type: 'string', default: '' },
      'x-kubernetes-list-type': 'set',
      'x-kubernetes-patch-strategy': 'merge',
    },
    ownerReferences: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      'x-kubernetes-patch-merge-key': 'uid',
      'x-kubernetes-patch-strategy': 'merge',
    },
    managedFields: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
  },
};

const servicePort: Schema = {
  type: 'object',
  required: ['port'],
  properties: {
    name: str,
    protocol: str,
    appProtocol: str,
    port: { type: 'integer', format: 'int32' },
    targetPort: { 'x-kubernetes-int-or-string': true, format: 'int-or-string' },
    nodePort: { type: 'integer', format: 'int32' },
  },
};

/** Enough of each built-in kind for `kubectl explain` and for kubectl to compute strategic merge patches. */
const BUILTIN: Record<string, Schema> = {
  Namespace: {
    properties: {
      spec: { type: 'object', properties: { finalizers: { type: 'array', items: str } } },
      status: { type: 'object', properties: { phase: str } },
    },
  },
  Secret: {
    properties: {
      data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      stringData: stringMap,
      type: str,
      immutable: { type: 'boolean' },
    },
  },
  ConfigMap: {
    properties: {
      data: stringMap,
      binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      immutable: { type: 'boolean' },
    },
  },
  Service: {
    properties: {
      spec: {
        type: 'object',
        properties: {
          ports: {
            type: 'array',
            items: servicePort,
            'x-kubernetes-list-map-keys': ['port', 'protocol'],
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-patch-merge-key': 'port',
            'x-kubernetes-patch-strategy': 'merge',
          },
          selector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
          clusterIP: str,
          clusterIPs: { type: 'array', items: str, 'x-kubernetes-list-type': 'atomic' },
          type: str,
          externalName: str,
          sessionAffinity: str,
        },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  EndpointSlice: {
    required: ['addressType', 'endpoints'],
    properties: {
      addressType: str,
      endpoints: {
        type: 'array',
        'x-kubernetes-list-type': 'atomic',
        items: {
          type: 'object',
          properties: {
            addresses: { type: 'array', items: str, 'x-kubernetes-list-type': 'set' },
            conditions: {
              type: 'object',
              properties: {
                ready: { type: 'boolean' },
                serving: { type: 'boolean' },
                terminating: { type: 'boolean' },
              },
            },
            hostname: str,
            nodeName: str,
            zone: str,
            targetRef: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
      },
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'atomic',
        items: {
          type: 'object',
          properties: {
            name: str,
            protocol: str,
            port: { type: 'integer', format: 'int32' },
            appProtocol: str,
          },
        },
      },
    },
  },
  ValidatingWebhookConfiguration: {
    properties: {
      webhooks: {
        type: 'array',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
  SelfSubjectAccessReview: {
    properties: {
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  SelfSubjectRulesReview: {
    properties: {
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  CustomResourceDefinition: {
    properties: {
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
};

function customSchema(kind: string): Schema | undefined {
  // The installed (master) CRDs, as resources/crds.ts serves them.
  const bundledCrds = bundledCrdSet('master');
  const crd = [bundledCrds.serversTransportTCP, bundledCrds.ingressRouteTCP].find(
    (c) => c.spec.names.kind === kind,
  );
  const version = crd?.spec.versions.find((v) => v.storage) ?? crd?.spec.versions[0];
  const root = version?.schema?.openAPIV3Schema;
  return root ? (structuredClone(root) as unknown as Schema) : undefined;
}

/** The component schema of a kind, in the form the API server publishes (metadata as a `$ref`). */
export function kindSchema(type: ResourceType): Schema {
  const base = type.class === 'custom' ? customSchema(type.kind) : BUILTIN[type.kind];
  const schema: Schema = { type: 'object', ...structuredClone(base ?? {}) };
  const properties = { ...(schema['properties'] as Schema | undefined) };
  properties['apiVersion'] = {
    ...str,
    description: 'APIVersion defines the versioned schema of this representation of an object.',
  };
  properties['kind'] = {
    ...str,
    description: 'Kind is a string value representing the REST resource this object represents.',
  };
  properties['metadata'] = { ...ref(OBJECT_META_REF), default: {}, description: 'Standard object metadata.' };
  schema['properties'] = properties;
  schema['x-kubernetes-group-version-kind'] = [{ group: type.group, kind: type.kind, version: type.version }];
  return schema;
}
