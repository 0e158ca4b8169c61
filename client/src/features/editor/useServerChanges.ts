import { useEffect, useState } from 'react';
import { apiPaths } from '@dialtone/shared';
import { openEventStream } from '../../api';

export type ServerChange = { type: 'modified'; resourceVersion: string } | { type: 'deleted' };

/** Watches one transport while it is edited, so a change made elsewhere shows before Save, not after. */
export function useServerChanges(
  cluster: string,
  namespace: string | undefined,
  name: string | undefined,
  baseVersion: string | undefined,
): ServerChange | undefined {
  const [change, setChange] = useState<ServerChange>();
  useEffect(() => {
    setChange(undefined);
    if (!namespace || !name || !baseVersion) return;
    const url = `${apiPaths.transportEvents(cluster)}?namespace=${encodeURIComponent(namespace)}`;
    return openEventStream(url, {
      onStatus: () => undefined,
      onEvent: (event) => {
        if (event.type === 'RESYNC') return;
        if (event.type === 'DELETED') {
          if (event.namespace === namespace && event.name === name) setChange({ type: 'deleted' });
          return;
        }
        const { summary } = event;
        if (summary.namespace !== namespace || summary.name !== name) return;
        if (summary.resourceVersion !== baseVersion) {
          setChange({ type: 'modified', resourceVersion: summary.resourceVersion });
        }
      },
    });
  }, [cluster, namespace, name, baseVersion]);
  return change;
}
