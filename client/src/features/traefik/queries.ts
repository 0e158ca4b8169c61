import { useQuery } from '@tanstack/react-query';
import { apiPaths, type TraefikOverviewResponse, type TransportTraefikResponse } from '@dialtone/shared';
import { getJson } from '../../api';

// Traefik applies configuration after a throttle of about 2 s; reading more often shows nothing new.
const LIST_REFRESH_MS = 15_000;

/** Every configured Traefik instance of the cluster and its verdict for each transport. */
export function useTraefikOverview(cluster: string) {
  return useQuery({
    queryKey: ['traefik', cluster],
    queryFn: ({ signal }) => getJson<TraefikOverviewResponse>(apiPaths.traefik(cluster), signal),
    refetchInterval: LIST_REFRESH_MS,
    // A slow Traefik must never hold the list: its column waits, the rows do not.
    retry: false,
  });
}

/** One transport as each instance sees it; `watchMs` polls while a saved change is awaited. */
export function useTransportTraefik(cluster: string, namespace: string, name: string, watchMs?: number) {
  return useQuery({
    queryKey: ['traefik', cluster, namespace, name],
    queryFn: ({ signal }) =>
      getJson<TransportTraefikResponse>(apiPaths.transportTraefik(cluster, namespace, name), signal),
    refetchInterval: watchMs ?? false,
    retry: false,
  });
}
