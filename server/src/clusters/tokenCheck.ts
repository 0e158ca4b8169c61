import type { ClusterConnection } from './clusterConnection.js';
import { ClusterUnreachableError, KubeApiError } from './kubeErrors.js';

export type TokenCheckResult =
  | { ok: true; user: string; groups: string[]; cluster: string }
  | { ok: false; status: 401 | 503; message: string };

/**
 * Whether a bearer token is accepted by the cluster, and whose it is, asked with that token alone.
 * Clusters without SelfSubjectReview still prove the token with an access review; the user is then
 * unknown by name.
 */
export async function checkToken(cluster: ClusterConnection, token: string): Promise<TokenCheckResult> {
  const client = cluster.clientFor({ kind: 'token', token, cluster: cluster.name });
  try {
    try {
      const { user, groups } = await client.whoAmI();
      return { ok: true, user: user || 'unknown', groups, cluster: cluster.name };
    } catch (error) {
      if (!(error instanceof KubeApiError && (error.status === 404 || error.status === 403))) throw error;
      await client.accessReview({ verb: 'list', group: 'traefik.io', resource: 'serverstransporttcps' });
      return { ok: true, user: 'unknown', groups: [], cluster: cluster.name };
    }
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 401) {
      return {
        ok: false,
        status: 401,
        message: `Cluster ${cluster.name} does not accept this token. Check it and log in again.`,
      };
    }
    if (error instanceof ClusterUnreachableError) {
      return { ok: false, status: 503, message: `${error.message}; try again when the cluster answers.` };
    }
    if (error instanceof KubeApiError) {
      return {
        ok: false,
        status: 503,
        message: `Cluster ${cluster.name} could not check the token: ${error.message}`,
      };
    }
    throw error;
  }
}
