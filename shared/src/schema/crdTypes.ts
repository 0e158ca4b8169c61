/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps that structural CRD schemas use. */
export interface OpenApiV3Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Readonly<Record<string, OpenApiV3Schema>>;
  additionalProperties?: OpenApiV3Schema | boolean;
  items?: OpenApiV3Schema;
  required?: readonly string[];
  anyOf?: readonly OpenApiV3Schema[];
  allOf?: readonly OpenApiV3Schema[];
  oneOf?: readonly OpenApiV3Schema[];
  not?: OpenApiV3Schema;
  enum?: readonly unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-validations'?: readonly { rule: string; message?: string; messageExpression?: string }[];
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-map-type'?: string;
}

export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: OpenApiV3Schema };
}

export interface CustomResourceDefinition {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Readonly<Record<string, string>> };
  spec: {
    group: string;
    names: { kind: string; listKind?: string; plural: string; singular?: string };
    scope: 'Namespaced' | 'Cluster';
    versions: readonly CustomResourceDefinitionVersion[];
  };
}
