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

export function useNamespaces(cluster: string) {
  return useQuery({
    queryKey: ['namespaces', cluster],
    queryFn: ({ signal }) => getJson<NamespacesResponse>(apiPaths.namespaces(cluster), signal),
    select: (data) => data.namespaces.map((n) => n.name),
    staleTime: 30_000,
  });
}
