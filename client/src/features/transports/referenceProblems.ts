import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  apiPaths,
  listingReferenceDiagnostics,
  type ConfigObjectsResponse,
  type NamespaceListings,
  type TransportSummary,
} from '@dialtone/shared';
import { getJson } from '../../api';

export type ConfigKind = 'secrets' | 'configmaps';

/** One listing of Secrets or ConfigMaps (names and key names, read as the user); the form shares it. */
export function configObjectsQuery(cluster: string, namespace: string, kind: ConfigKind) {
  return {
    queryKey: [kind, cluster, namespace] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      getJson<ConfigObjectsResponse>(
        kind === 'secrets' ? apiPaths.secrets(cluster, namespace) : apiPaths.configMaps(cluster, namespace),
        signal,
      ),
    staleTime: 30_000,
    retry: false,
  };
}

/** Adds the unresolved references of each row to its counts, each at its own severity. */
export function withReferenceProblems(
  items: readonly TransportSummary[],
  listingsOf: (namespace: string) => NamespaceListings,
): TransportSummary[] {
  return items.map((item) => {
    if (!item.references || item.references.length === 0) return item;
    const spec = specOfReferences(item.references);
    const found = listingReferenceDiagnostics(spec, item.namespace, listingsOf(item.namespace));
    if (found.length === 0) return item;
    const diagnostics = { ...item.diagnostics };
    for (const finding of found) diagnostics[finding.severity] += 1;
    return { ...item, diagnostics };
  });
}

/** Rebuilds the part of a spec that names objects, from the summary's list of references. */
function specOfReferences(references: NonNullable<TransportSummary['references']>) {
  const tls: { rootCAsSecrets: string[]; rootCAs: object[]; certificatesSecrets: string[] } = {
    rootCAsSecrets: [],
    rootCAs: [],
    certificatesSecrets: [],
  };
  for (const ref of references) {
    if (ref.usedBy === 'rootCAs')
      tls.rootCAs.push(ref.kind === 'Secret' ? { secret: ref.name } : { configMap: ref.name });
    else tls[ref.usedBy].push(ref.name);
  }
  return { tls };
}

/**
 * The list's rows with unresolved Secret and ConfigMap references counted as errors. The listings
 * are read as the user, per namespace that has references; a namespace whose listing is refused
 * adds nothing, as its state is unknown.
 */
export function useReferenceProblems(
  cluster: string,
  items: readonly TransportSummary[] | undefined,
): readonly TransportSummary[] | undefined {
  const namespaces = useMemo(() => {
    const wanted = new Map<string, Set<ConfigKind>>();
    for (const item of items ?? []) {
      for (const ref of item.references ?? []) {
        const kinds = wanted.get(item.namespace) ?? new Set<ConfigKind>();
        kinds.add(ref.kind === 'Secret' ? 'secrets' : 'configmaps');
        wanted.set(item.namespace, kinds);
      }
    }
    return [...wanted].flatMap(([namespace, kinds]) => [...kinds].map((kind) => ({ namespace, kind })));
  }, [items]);
  const results = useQueries({
    queries: namespaces.map(({ namespace, kind }) => configObjectsQuery(cluster, namespace, kind)),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => {
    if (!items) return items;
    const byKey = new Map<string, ConfigObjectsResponse | undefined>();
    namespaces.forEach(({ namespace, kind }, i) => byKey.set(`${kind}/${namespace}`, results[i]?.data));
    return withReferenceProblems(items, (namespace) => ({
      secrets: byKey.get(`secrets/${namespace}`)?.items,
      configMaps: byKey.get(`configmaps/${namespace}`)?.items,
    }));
    // The results array is new on every render; its data changes only when a stamp does.
  }, [items, namespaces, stamp]);
}
