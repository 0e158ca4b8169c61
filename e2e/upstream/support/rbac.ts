import { ROLE_RULES, type ResourceRule, type RoleName } from '../../../server/src/localcluster/index.js';

/**
 * The embedded cluster's identities as Kubernetes RBAC objects, made from the very rules the embedded
 * cluster enforces, so both servers give admin, editor and viewer the same rights. The admin is in
 * `system:masters` (token file), which kube-apiserver lets through before RBAC, as the embedded one does.
 */
export function rbacManifests(): object[] {
  const objects: object[] = [];
  for (const role of ['editor', 'viewer'] as RoleName[]) {
    const everywhere = ROLE_RULES[role].filter((rule) => rule.namespaces === undefined);
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: `dialtone-${role}` },
        rules: everywhere.map(policyRule),
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: `dialtone-${role}` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `dialtone-${role}` },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: role }],
      },
    );
    const scoped = new Map<string, ResourceRule[]>();
    for (const rule of ROLE_RULES[role]) {
      for (const namespace of rule.namespaces ?? [])
        scoped.set(namespace, [...(scoped.get(namespace) ?? []), rule]);
    }
    for (const [namespace, rules] of scoped) {
      objects.push(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: `dialtone-${role}`, namespace },
          rules: rules.map(policyRule),
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `dialtone-${role}`, namespace },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `dialtone-${role}` },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: role }],
        },
      );
    }
  }
  return objects;
}

/** Namespaces the roles name, which must exist before their Roles can be created. */
export function rbacNamespaces(): string[] {
  const names = new Set<string>();
  for (const rules of Object.values(ROLE_RULES))
    for (const rule of rules) for (const ns of rule.namespaces ?? []) names.add(ns);
  return [...names];
}

function policyRule(rule: ResourceRule) {
  return { verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources };
}
