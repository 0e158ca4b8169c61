import { useQuery } from '@tanstack/react-query';
import {
  apiPaths,
  type ClustersResponse,
  type NamespacesResponse,
  type SessionResponse,
} from '@dialtone/shared';
import { fetchSession, getJson } from '../../api';

export function useSession() {
  return useQuery<SessionResponse>({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity });
}

export function useClusters() {
  const session = useSession();
  return useQuery({
    queryKey: ['clusters'],
    // Signed out, the answer is a 401; ask once the session names someone.
    enabled: session.data?.authenticated === true,
    queryFn: ({ signal }) => getJson<ClustersResponse>(apiPaths.clusters(), signal),
    staleTime: 60_000,
  });
}

/**
 * Why the user cannot create a transport in any of `scope` (all namespaces when empty), or undefined
 * when they can somewhere (or it is not known yet: the server then answers a save with its reason).
 */
export function useCreateRefusal(cluster: string, scope: readonly string[]): string | undefined {
  const query = useQuery({
    queryKey: ['namespaces', cluster, 'full'],
    queryFn: ({ signal }) => getJson<NamespacesResponse>(apiPaths.namespaces(cluster), signal),
    staleTime: 30_000,
  });
  if (!query.data) return undefined;
  const inScope = query.data.namespaces.filter((n) => scope.length === 0 || scope.includes(n.name));
  if (inScope.some((n) => n.createTransports)) return undefined;
  return scope.length === 0
    ? 'Your identity may not create ServersTransportTCPs in any namespace.'
    : `Your identity may not create ServersTransportTCPs in ${scope.join(', ')}.`;
}

export function useNamespaces(cluster: string) {
  return useQuery({
    queryKey: ['namespaces', cluster],
    queryFn: ({ signal }) => getJson<NamespacesResponse>(apiPaths.namespaces(cluster), signal),
    select: (data) => data.namespaces.map((n) => n.name),
    staleTime: 30_000,
  });
}
