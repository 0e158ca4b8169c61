import { stringify } from 'yaml';
import type { Tokens } from './auth/authenticate.js';
import { ROLE_NAMES } from './auth/policy.js';

export const CLUSTER_NAME = 'dialtone-local';

/**
 * One context per demo identity, the administrator's current. `insecure-skip-tls-verify` is set because
 * @kubernetes/client-node refuses plain `http://` servers without it. kubectl sends no bearer token to an
 * `http://` server, so each user also names itself with `as` (impersonation): kubectl then arrives as the
 * tokenless administrator acting as that user, and client-node as that user acting as itself.
 */
export function kubeconfigYaml(url: string, tokens: Tokens): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: CLUSTER_NAME, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: ROLE_NAMES.map((role) => ({
      name: `${CLUSTER_NAME}-${role}`,
      user: role === 'admin' ? { token: tokens[role] } : { token: tokens[role], as: role },
    })),
    contexts: ROLE_NAMES.map((role) => ({
      name: `${CLUSTER_NAME}-${role}`,
      context: { cluster: CLUSTER_NAME, user: `${CLUSTER_NAME}-${role}`, namespace: 'default' },
    })),
    'current-context': `${CLUSTER_NAME}-admin`,
  });
}
