/**
 * Field numbers of the built-in kinds, from k8s.io/api `generated.proto`, limited to what clients
 * send when creating these objects.
 */

export type FieldType =
  'string' | 'bytes' | 'int' | 'bool' | 'time' | { message: MessageSchema } | { map: 'string' | 'bytes' };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
}

export type MessageSchema = Record<number, FieldSpec>;

const time: FieldType = 'time';

const ownerReference: MessageSchema = {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' },
};

export const objectMeta: MessageSchema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: time },
  11: { name: 'labels', type: { map: 'string' } },
  12: { name: 'annotations', type: { map: 'string' } },
  13: { name: 'ownerReferences', type: { message: ownerReference }, repeated: true },
  14: { name: 'finalizers', type: 'string', repeated: true },
};

const meta: FieldSpec = { name: 'metadata', type: { message: objectMeta } };

const intOrString: MessageSchema = {
  1: { name: 'type', type: 'int' },
  2: { name: 'intVal', type: 'int' },
  3: { name: 'strVal', type: 'string' },
};

const servicePort: MessageSchema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'protocol', type: 'string' },
  3: { name: 'port', type: 'int' },
  4: { name: 'targetPort', type: { message: intOrString } },
  5: { name: 'nodePort', type: 'int' },
  6: { name: 'appProtocol', type: 'string' },
};

const serviceSpec: MessageSchema = {
  1: { name: 'ports', type: { message: servicePort }, repeated: true },
  2: { name: 'selector', type: { map: 'string' } },
  3: { name: 'clusterIP', type: 'string' },
  4: { name: 'type', type: 'string' },
  5: { name: 'externalIPs', type: 'string', repeated: true },
  7: { name: 'sessionAffinity', type: 'string' },
  10: { name: 'externalName', type: 'string' },
  18: { name: 'clusterIPs', type: 'string', repeated: true },
};

const endpoint: MessageSchema = {
  1: { name: 'addresses', type: 'string', repeated: true },
  2: {
    name: 'conditions',
    type: {
      message: {
        1: { name: 'ready', type: 'bool' },
        2: { name: 'serving', type: 'bool' },
        3: { name: 'terminating', type: 'bool' },
      },
    },
  },
  3: { name: 'hostname', type: 'string' },
  6: { name: 'nodeName', type: 'string' },
  7: { name: 'zone', type: 'string' },
};

const endpointPort: MessageSchema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'protocol', type: 'string' },
  3: { name: 'port', type: 'int' },
  4: { name: 'appProtocol', type: 'string' },
};

const resourceAttributes: MessageSchema = {
  1: { name: 'namespace', type: 'string' },
  2: { name: 'verb', type: 'string' },
  3: { name: 'group', type: 'string' },
  4: { name: 'version', type: 'string' },
  5: { name: 'resource', type: 'string' },
  6: { name: 'subresource', type: 'string' },
  7: { name: 'name', type: 'string' },
};

/** Keyed by `apiVersion/kind` as written in the envelope's TypeMeta. */
export const KIND_SCHEMAS: Record<string, MessageSchema> = {
  'v1/Secret': {
    1: meta,
    2: { name: 'data', type: { map: 'bytes' } },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: { map: 'string' } },
    5: { name: 'immutable', type: 'bool' },
  },
  'v1/ConfigMap': {
    1: meta,
    2: { name: 'data', type: { map: 'string' } },
    3: { name: 'binaryData', type: { map: 'bytes' } },
    4: { name: 'immutable', type: 'bool' },
  },
  'v1/Namespace': {
    1: meta,
    2: { name: 'spec', type: { message: { 1: { name: 'finalizers', type: 'string', repeated: true } } } },
  },
  'v1/Service': { 1: meta, 2: { name: 'spec', type: { message: serviceSpec } } },
  'discovery.k8s.io/v1/EndpointSlice': {
    1: meta,
    2: { name: 'endpoints', type: { message: endpoint }, repeated: true },
    3: { name: 'ports', type: { message: endpointPort }, repeated: true },
    4: { name: 'addressType', type: 'string' },
  },
  'authorization.k8s.io/v1/SelfSubjectAccessReview': {
    1: meta,
    2: {
      name: 'spec',
      type: {
        message: {
          1: { name: 'resourceAttributes', type: { message: resourceAttributes } },
          2: {
            name: 'nonResourceAttributes',
            type: { message: { 1: { name: 'path', type: 'string' }, 2: { name: 'verb', type: 'string' } } },
          },
        },
      },
    },
  },
  'authentication.k8s.io/v1/SelfSubjectReview': { 1: meta },
  'authorization.k8s.io/v1/SelfSubjectRulesReview': {
    1: meta,
    2: { name: 'spec', type: { message: { 1: { name: 'namespace', type: 'string' } } } },
  },
};
