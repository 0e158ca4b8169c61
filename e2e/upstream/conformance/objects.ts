import { stringify } from 'yaml';

/** The parts of API objects and Status bodies the cases read, as they arrive on the wire. */
export interface ManagedField {
  manager: string;
  operation: string;
  fieldsType?: string;
  fieldsV1?: Record<string, Record<string, unknown> | undefined>;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  managedFields?: ManagedField[];
}

export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  type?: string;
}

export interface ObjectList {
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: ApiObject[];
}

export interface Status {
  kind: 'Status';
  status?: string;
  code?: number;
  reason?: string;
  message?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { field?: string; reason?: string; message?: string }[];
  };
}

export const TRANSPORTS = {
  group: 'traefik.io',
  version: 'v1alpha1',
  namespace: 'default',
  plural: 'serverstransporttcps',
} as const;

export const TRANSPORTS_PATH = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';

export type TransportSpec = Record<string, unknown>;

/** A ServersTransportTCP as an object, for client-node and raw requests. */
export function transport(
  name: string | undefined,
  spec: TransportSpec = { dialTimeout: '30s' },
  metadata: Partial<ObjectMeta> = {},
): { apiVersion: string; kind: string; metadata: Partial<ObjectMeta>; spec: TransportSpec } {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { ...(name === undefined ? {} : { name }), ...metadata },
    spec,
  };
}

/** The same as YAML, for `kubectl apply -f -`. */
export function transportYaml(name: string, spec: TransportSpec, metadata: Partial<ObjectMeta> = {}): string {
  return manifest(transport(name, spec, metadata));
}

export function manifest(object: object): string {
  return stringify(object);
}
