import { useQuery } from '@tanstack/react-query';
import { configObjectsQuery } from '../transports';
import { apiPaths, type ResourceSchema, type SchemaResponse } from '@dialtone/shared';
import { getJson } from '../../api';

function toResourceSchema(response: SchemaResponse): ResourceSchema {
  return {
    group: response.group,
    version: response.version,
    kind: response.kind,
    plural: 'serverstransporttcps',
    namespaced: true,
    origin: response.origin,
    schema: response.schema,
  };
}

/** The cluster's CRD schema drives the form, Monaco and the shared validator alike. */
export function useSchema(cluster: string) {
  return useQuery({
    queryKey: ['schema', cluster],
    queryFn: ({ signal }) => getJson<SchemaResponse>(apiPaths.schema(cluster), signal),
    staleTime: Infinity,
    select: (data) => ({ response: data, resource: toResourceSchema(data) }),
  });
}

export function useConfigObjects(
  cluster: string,
  namespace: string | undefined,
  kind: 'secrets' | 'configmaps',
) {
  return useQuery({ ...configObjectsQuery(cluster, namespace ?? '', kind), enabled: Boolean(namespace) });
}
