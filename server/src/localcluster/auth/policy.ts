/** Who may do what: a tiny RBAC with the same rule shape as the real one, so access reviews can echo it. */

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  /** Namespaces the rule applies in; absent means everywhere, cluster scope included. */
  namespaces?: string[];
}

export interface UserInfo {
  username: string;
  groups: string[];
}

export interface Identity {
  user: UserInfo;
  rules: ResourceRule[];
  /** Only administrators may act as someone else. */
  mayImpersonate: boolean;
}

export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

const READ = ['get', 'list', 'watch'];
const REVIEWS: ResourceRule[] = [
  {
    verbs: ['create'],
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
];
const BROWSE: ResourceRule[] = [
  { verbs: READ, apiGroups: ['traefik.io'], resources: ['serverstransporttcps', 'ingressroutetcps'] },
  { verbs: READ, apiGroups: [''], resources: ['namespaces', 'configmaps', 'services'] },
  { verbs: READ, apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
  { verbs: READ, apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'] },
  // Traefik's API, through the service proxy, where the demo's Traefik runs: its view of the transports.
  { verbs: ['get'], apiGroups: [''], resources: ['services/proxy'], namespaces: ['traefik'] },
  ...REVIEWS,
];

export const ROLE_RULES: Record<'admin' | 'editor' | 'viewer', ResourceRule[]> = {
  admin: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  editor: [
    ...BROWSE,
    {
      verbs: ['create', 'update', 'patch', 'delete'],
      apiGroups: ['traefik.io'],
      resources: ['serverstransporttcps'],
      namespaces: ['demo'],
    },
    { verbs: READ, apiGroups: [''], resources: ['secrets'], namespaces: ['demo'] },
  ],
  viewer: BROWSE,
};

export type RoleName = keyof typeof ROLE_RULES;
export const ROLE_NAMES: RoleName[] = ['admin', 'editor', 'viewer'];

export function identityFor(username: string, groups: string[]): Identity {
  const role: RoleName | undefined = groups.includes('system:masters')
    ? 'admin'
    : ROLE_NAMES.find((r) => r === username);
  return {
    user: { username, groups: [...new Set([...groups, 'system:authenticated'])] },
    rules: role ? ROLE_RULES[role] : REVIEWS,
    mayImpersonate: role === 'admin',
  };
}

function matchesList(list: string[], value: string): boolean {
  return list.includes('*') || list.includes(value);
}

export function ruleAllows(rule: ResourceRule, attrs: RequestAttributes): boolean {
  if (!matchesList(rule.verbs, attrs.verb)) return false;
  if (!matchesList(rule.apiGroups, attrs.group)) return false;
  if (!matchesList(rule.resources, attrs.resource)) return false;
  if (rule.namespaces) return attrs.namespace !== undefined && rule.namespaces.includes(attrs.namespace);
  return true;
}

export function allowed(identity: Identity, attrs: RequestAttributes): boolean {
  return identity.rules.some((rule) => ruleAllows(rule, attrs));
}

/** The rules that apply inside one namespace, as a SelfSubjectRulesReview reports them. */
export function rulesInNamespace(identity: Identity, namespace: string): ResourceRule[] {
  return identity.rules
    .filter((r) => !r.namespaces || r.namespaces.includes(namespace))
    .map(({ namespaces: _n, ...rule }) => rule);
}

/** Worded like the API server's RBAC denial, which kubectl prints verbatim. */
export function forbiddenMessage(identity: Identity, attrs: RequestAttributes): string {
  const gr = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const subject = attrs.name ? `${gr} "${attrs.name}"` : gr;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${identity.user.username}" cannot ${attrs.verb} resource "${attrs.resource}" in API group "${attrs.group}" ${scope}`;
}
