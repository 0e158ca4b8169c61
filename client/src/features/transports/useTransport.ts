import { useQuery } from '@tanstack/react-query';
import { apiPaths, type TransportDetail } from '@dialtone/shared';
import { getJson } from '../../api';

export function transportKey(cluster: string, namespace: string, name: string) {
  return ['transport', cluster, namespace, name] as const;
}

export function useTransport(cluster: string, namespace: string, name: string, enabled = true) {
  return useQuery({
    queryKey: transportKey(cluster, namespace, name),
    queryFn: ({ signal }) => getJson<TransportDetail>(apiPaths.transport(cluster, namespace, name), signal),
    enabled,
    retry: (count, error) =>
      count < 2 && !(error instanceof Error && 'status' in error && error.status === 404),
  });
}
