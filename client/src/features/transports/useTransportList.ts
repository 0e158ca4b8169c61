import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiPaths, type TransportListResponse } from '@dialtone/shared';
import { getJson, openEventStream } from '../../api';
import { applyEvent } from './listModel';

export type StreamStatus = 'connecting' | 'live' | 'retrying';

/**
 * One namespace is asked for directly (the user may only be allowed to list that one); several or
 * none read every namespace the user may list, and the table narrows them.
 */
function serverScope(namespaces: string[]): string | undefined {
  return namespaces.length === 1 ? namespaces[0] : undefined;
}

function withNamespace(path: string, namespace: string | undefined): string {
  return namespace ? `${path}?namespace=${encodeURIComponent(namespace)}` : path;
}

export function transportListKey(cluster: string, namespace: string | undefined) {
  return ['transports', cluster, namespace ?? '*'] as const;
}

/** The list, kept current by the event stream: each event patches the cached rows in place. */
export function useTransportList(cluster: string, namespaces: string[]) {
  const namespace = serverScope(namespaces);
  const key = transportListKey(cluster, namespace);
  const queryClient = useQueryClient();
  const [stream, setStream] = useState<StreamStatus>('connecting');

  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      getJson<TransportListResponse>(withNamespace(apiPaths.transports(cluster), namespace), signal),
    staleTime: Infinity,
  });

  const listVersion = query.data?.resourceVersion;
  const ready = listVersion !== undefined;
  useEffect(() => {
    if (!ready) return;
    const url = withNamespace(apiPaths.transportEvents(cluster), namespace);
    return openEventStream(url, {
      onStatus: setStream,
      onEvent: (event) => {
        if (event.type === 'RESYNC') {
          void queryClient.invalidateQueries({ queryKey: transportListKey(cluster, namespace) });
          return;
        }
        queryClient.setQueryData<TransportListResponse>(transportListKey(cluster, namespace), (old) =>
          old ? { ...old, items: applyEvent(old.items, event) } : old,
        );
        void queryClient.invalidateQueries({ queryKey: ['transport', cluster] });
      },
    });
  }, [cluster, namespace, ready, queryClient]);

  return { query, stream };
}
