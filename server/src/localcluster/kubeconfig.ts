import { stringify } from 'yaml';
import type { Tokens } from './auth/authenticate.js';
import { ROLE_NAMES } from './auth/policy.js';

export const CLUSTER_NAME = 'dialtone-local';

/**
 * One context per demo identity, the administrator's current. The cluster entry carries the CA that
 * signed the serving certificate, so kubectl, client-node and client-go verify the server as they would
 * a real one; each user is its bearer token and nothing else.
 */
export function kubeconfigYaml(url: string, caPem: string, tokens: Tokens): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: CLUSTER_NAME,
        cluster: { server: url, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: ROLE_NAMES.map((role) => ({ name: `${CLUSTER_NAME}-${role}`, user: { token: tokens[role] } })),
    contexts: ROLE_NAMES.map((role) => ({
      name: `${CLUSTER_NAME}-${role}`,
      context: { cluster: CLUSTER_NAME, user: `${CLUSTER_NAME}-${role}`, namespace: 'default' },
    })),
    'current-context': `${CLUSTER_NAME}-admin`,
  });
}
