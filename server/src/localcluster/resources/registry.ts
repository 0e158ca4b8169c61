/** The resource types this API server serves, and the facts discovery, routing and storage need about each. */

export type ResourceKindClass =
  /** A custom resource: validated against its CRD, strategic merge patch refused. */
  | 'custom'
  /** A stored built-in: strategic merge patch accepted, protobuf bodies accepted. */
  | 'builtin'
  /** Create-only and never stored (access reviews). */
  | 'virtual'
  /** Served from the bundled CRDs; writes are refused. */
  | 'readonly';

export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  class: ResourceKindClass;
  /** Kinds whose desired state lives outside `metadata` track `metadata.generation`. */
  tracksGeneration: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function verbsOf(type: ResourceType): string[] {
  if (type.class === 'virtual') return ['create'];
  if (type.class === 'readonly') return ['get', 'list', 'watch'];
  return ALL_VERBS;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

function res(
  group: string,
  version: string,
  kind: string,
  plural: string,
  options: Partial<Omit<ResourceType, 'group' | 'version' | 'kind' | 'plural'>> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    plural,
    singular: options.singular ?? kind.toLowerCase(),
    listKind: options.listKind ?? `${kind}List`,
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    categories: options.categories ?? [],
    class: options.class ?? 'builtin',
    tracksGeneration: options.tracksGeneration ?? false,
  };
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  res('', 'v1', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'] }),
  res('', 'v1', 'Secret', 'secrets'),
  res('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  res('', 'v1', 'Service', 'services', { shortNames: ['svc'], categories: ['all'], tracksGeneration: true }),
  res('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices'),
  res('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', {
    namespaced: false,
    class: 'virtual',
  }),
  res('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', {
    namespaced: false,
    class: 'virtual',
  }),
  res('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', {
    namespaced: false,
    class: 'virtual',
  }),
  res(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingWebhookConfiguration',
    'validatingwebhookconfigurations',
    {
      namespaced: false,
      categories: ['api-extensions'],
    },
  ),
  res('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    class: 'readonly',
    tracksGeneration: true,
  }),
  res('traefik.io', 'v1alpha1', 'ServersTransportTCP', 'serverstransporttcps', {
    class: 'custom',
    tracksGeneration: true,
  }),
  res('traefik.io', 'v1alpha1', 'IngressRouteTCP', 'ingressroutetcps', {
    class: 'custom',
    tracksGeneration: true,
  }),
  // Traefik's Kubernetes CRD provider lists and watches every kind it defines, and waits for all of
  // them before it loads anything; these are stored as given (no schema is bundled for them).
  ...(
    [
      ['IngressRoute', 'ingressroutes'],
      ['IngressRouteUDP', 'ingressrouteudps'],
      ['Middleware', 'middlewares'],
      ['MiddlewareTCP', 'middlewaretcps'],
      ['ServersTransport', 'serverstransports'],
      ['TLSOption', 'tlsoptions'],
      ['TLSStore', 'tlsstores'],
      ['TraefikService', 'traefikservices'],
    ] as const
  ).map(([kind, plural]) =>
    res('traefik.io', 'v1alpha1', kind, plural, { class: 'custom', tracksGeneration: true }),
  ),
  // Traefik's provider also watches Nodes (for nodePortLB) unless its cluster-scope informers are off.
  res('', 'v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'] }),
];

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function findByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}

export interface GroupVersion {
  group: string;
  version: string;
  resources: ResourceType[];
}

/** Group-versions in the order discovery lists them: core first, then by group name. */
export function groupVersions(): GroupVersion[] {
  const out: GroupVersion[] = [];
  for (const type of RESOURCE_TYPES) {
    let gv = out.find((g) => g.group === type.group && g.version === type.version);
    if (!gv) {
      gv = { group: type.group, version: type.version, resources: [] };
      out.push(gv);
    }
    gv.resources.push(type);
  }
  return out;
}

/** Storage key for a type, stable across restarts. */
export function typeKey(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}
