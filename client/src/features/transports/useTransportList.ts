import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { apiPaths, type TransportEvent, type TransportListResponse } from '@dialtone/shared';
import { getJson, openEventStream } from '../../api';
import { applyEvents } from './listModel';

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
  // The stream starts where the list ended, so a change between the two is not missed.
  const since = useRef(listVersion);
  since.current = listVersion;
  useEffect(() => {
    if (!ready) return;
    const base = withNamespace(apiPaths.transportEvents(cluster), namespace);
    const from = since.current ? `since=${encodeURIComponent(since.current)}` : '';
    const url = from ? `${base}${base.includes('?') ? '&' : '?'}${from}` : base;
    const key = transportListKey(cluster, namespace);
    // Events are applied in batches: one render per burst, not one per event.
    let pending: Exclude<TransportEvent, { type: 'RESYNC' }>[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      queryClient.setQueryData<TransportListResponse>(key, (old) =>
        old ? { ...old, items: applyEvents(old.items, batch) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['transport', cluster] });
    };
    const close = openEventStream(url, {
      onStatus: setStream,
      onEvent: (event) => {
        if (event.type === 'RESYNC') {
          pending = [];
          void queryClient.invalidateQueries({ queryKey: key });
          return;
        }
        pending.push(event);
        timer ??= setTimeout(flush, 100);
      },
    });
    return () => {
      close();
      if (timer) clearTimeout(timer);
    };
  }, [cluster, namespace, ready, queryClient]);

  return { query, stream };
}
