import type { ClusterConnection } from '../clusters/index.js';
import { HttpError } from '../http/index.js';
import type { Identity } from '../identity/index.js';

export type TraefikResource = 'serverstransporttcps' | 'ingressroutetcps';

/**
 * Whether the identity may list a Traefik resource in a namespace (or in all, when none is given).
 *
 * The caches are filled with the server's own credentials, so every read served from them is checked
 * here with a SelfSubjectAccessReview asked as the user, remembered briefly per identity (see
 * AccessReviews). This was chosen over one cache per identity: one watch per cluster and kind keeps the
 * API server's load flat however many users there are, and a few cached reviews per user cost less
 * than their own copies of every object. A `local` identity is the kubeconfig user the caches run as,
 * so whatever the cache holds, that user could list.
 */
export async function mayList(
  cluster: ClusterConnection,
  identity: Identity,
  resource: TraefikResource,
  namespace?: string,
): Promise<boolean> {
  if (identity.kind === 'local') return true;
  return cluster.access.allowed(identity, {
    verb: 'list',
    group: 'traefik.io',
    resource,
    ...(namespace ? { namespace } : {}),
  });
}

/** A predicate for the namespaces whose objects the identity may see, checked once per namespace. */
export async function listableNamespaces(
  cluster: ClusterConnection,
  identity: Identity,
  resource: TraefikResource,
  namespaces: Iterable<string>,
): Promise<(namespace: string) => boolean> {
  if (await mayList(cluster, identity, resource)) return () => true;
  const unique = [...new Set(namespaces)];
  const answers = await Promise.all(unique.map((ns) => mayList(cluster, identity, resource, ns)));
  const allowed = new Set(unique.filter((_, i) => answers[i]));
  return (namespace) => allowed.has(namespace);
}

export async function requireList(
  cluster: ClusterConnection,
  identity: Identity,
  namespace: string | undefined,
): Promise<void> {
  if (namespace !== undefined && !(await mayList(cluster, identity, 'serverstransporttcps', namespace))) {
    throw new HttpError(
      403,
      'forbidden',
      `You may not list ServersTransportTCPs in the namespace ${namespace}. Ask for the list permission there, or choose another namespace.`,
    );
  }
}
