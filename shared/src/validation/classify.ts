import { INGRESS_ROUTE_TCP_KIND, SERVERS_TRANSPORT_TCP_KIND } from '../model/index.js';

export type DocumentKind = typeof SERVERS_TRANSPORT_TCP_KIND | typeof INGRESS_ROUTE_TCP_KIND;

export type Classification =
  | { validate: DocumentKind; declaredKind: string | undefined }
  | { validate: 'http-servers-transport'; declaredKind: string }
  | { skip: string; declaredKind: string | undefined };

function isTraefikGroup(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && /^traefik\.(io|containo\.us)\//.test(apiVersion);
}

/**
 * Decides which schema a document is checked against. Near misses (wrong case, the removed
 * traefik.containo.us group, a missing kind on a Traefik apiVersion) are validated as the kind they
 * were meant to be, so the user gets a precise error instead of "skipped".
 */
export function classifyDocument(value: unknown): Classification {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { skip: 'not a Kubernetes object (a mapping with apiVersion and kind)', declaredKind: undefined };
  }
  const { apiVersion, kind, spec } = value as { apiVersion?: unknown; kind?: unknown; spec?: unknown };
  const declaredKind = typeof kind === 'string' ? kind : undefined;
  const lower = declaredKind?.toLowerCase();
  if (lower === SERVERS_TRANSPORT_TCP_KIND.toLowerCase())
    return { validate: SERVERS_TRANSPORT_TCP_KIND, declaredKind };
  if (lower === INGRESS_ROUTE_TCP_KIND.toLowerCase())
    return { validate: INGRESS_ROUTE_TCP_KIND, declaredKind };
  if (lower === 'serverstransport' && isTraefikGroup(apiVersion)) {
    return { validate: 'http-servers-transport', declaredKind: declaredKind! };
  }
  if (declaredKind === undefined && isTraefikGroup(apiVersion)) {
    const looksLikeRoute = spec !== null && typeof spec === 'object' && 'routes' in spec;
    return { validate: looksLikeRoute ? INGRESS_ROUTE_TCP_KIND : SERVERS_TRANSPORT_TCP_KIND, declaredKind };
  }
  return {
    skip: declaredKind ? `kind ${declaredKind} is not checked by Dialtone` : 'the document has no kind',
    declaredKind,
  };
}
