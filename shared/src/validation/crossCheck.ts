import type { Diagnostic } from '../diagnostics/index.js';
import type { IngressRouteTCPSpec, ServersTransportTCPSpec } from '../model/index.js';
import {
  effectiveValues,
  KUBERNETES_CRD_PROVIDER,
  normalizeTraefikName,
  providerSettings,
  refusalsOf,
  traefikTransportId,
  type ProviderSettings,
} from '../traefik/index.js';
import type { DocumentKind } from './classify.js';

export interface CrossCheckEntry {
  kind: DocumentKind;
  value: unknown;
}

interface Named {
  index: number;
  namespace: string;
  name: string;
  spec: Record<string, unknown>;
}

export interface CrossCheckOptions {
  /** Namespace of documents that do not set one (kubectl's current namespace). */
  defaultNamespace?: string;
  /** Traefik's kubernetescrd provider options, with Traefik's defaults for those not given. */
  provider?: Partial<ProviderSettings>;
}

function named(entry: CrossCheckEntry, index: number, defaultNamespace: string): Named | undefined {
  const value = entry.value as { metadata?: { name?: unknown; namespace?: unknown }; spec?: unknown };
  const name = value?.metadata?.name;
  if (typeof name !== 'string' || name === '') return undefined;
  const ns = value.metadata?.namespace;
  const spec =
    value.spec !== null && typeof value.spec === 'object' ? (value.spec as Record<string, unknown>) : {};
  return { index, name, namespace: typeof ns === 'string' && ns !== '' ? ns : defaultNamespace, spec };
}

/** One insertion, deletion or substitution turns a into b (a typo, not another name). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // After the first difference the rest must match, skipping one character of the longer one.
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Resolves a route's serversTransport as Traefik's makeTCPServersTransportKey does. */
export function resolveTransportReference(
  routeNamespace: string,
  reference: string,
): { id: string; provider: string } {
  if (reference === '') return { id: 'default@internal', provider: 'internal' };
  const at = reference.indexOf('@');
  if (at !== -1) return { id: reference, provider: reference.slice(at + 1) };
  return {
    id: `${normalizeTraefikName(`${routeNamespace}-${reference}`)}@${KUBERNETES_CRD_PROVIDER}`,
    provider: KUBERNETES_CRD_PROVIDER,
  };
}

/**
 * Checks that need the whole set of documents: two transports that Traefik would register under
 * the same ID, and IngressRouteTCP references resolved with Traefik's rules.
 */
export function crossCheckDocuments(
  entries: readonly CrossCheckEntry[],
  options: CrossCheckOptions = {},
): Map<number, Diagnostic[]> {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const settings = providerSettings(options.provider);
  const result = new Map<number, Diagnostic[]>();
  const add = (index: number, diagnostic: Diagnostic) => {
    const list = result.get(index) ?? [];
    list.push(diagnostic);
    result.set(index, list);
  };

  const transports = new Map<string, Named[]>();
  entries.forEach((entry, index) => {
    if (entry.kind !== 'ServersTransportTCP') return;
    const item = named(entry, index, defaultNamespace);
    if (!item) return;
    const id = traefikTransportId(item.namespace, item.name);
    transports.set(id, [...(transports.get(id) ?? []), item]);
  });

  for (const [id, group] of transports) {
    if (group.length < 2) continue;
    for (const item of group) {
      const others = group.filter((o) => o !== item).map((o) => `${o.namespace}/${o.name}`);
      const sameObject = group.every((o) => o.namespace === item.namespace && o.name === item.name);
      add(item.index, {
        severity: sameObject ? 'warning' : 'error',
        code: sameObject ? 'traefik.duplicate-transport' : 'traefik.id-collision',
        source: 'traefik',
        path: '/metadata/name',
        message: sameObject
          ? `${item.namespace}/${item.name} appears more than once in this input; the last one applied wins.`
          : `${item.namespace}/${item.name} and ${others.join(', ')} all become the Traefik ID "${id}" after name normalization; Traefik keeps only the last one it processes and silently drops the others.`,
        hint: sameObject
          ? 'Keep one copy.'
          : 'Rename one of them so that the names differ in letters or digits, not only in "." or "-".',
      });
    }
  }

  entries.forEach((entry, index) => {
    if (entry.kind !== 'IngressRouteTCP') return;
    const route = named(entry, index, defaultNamespace);
    if (!route) return;
    const spec = route.spec as Partial<IngressRouteTCPSpec>;
    (Array.isArray(spec.routes) ? spec.routes : []).forEach((r, ri) => {
      (r && Array.isArray(r.services) ? r.services : []).forEach((service, si) => {
        if (!service || typeof service !== 'object') return;
        // A service the provider refuses never resolves its transport; lintRouteSpec says why.
        if (refusalsOf(route.namespace, service, settings).length > 0) return;
        const reference = typeof service.serversTransport === 'string' ? service.serversTransport : '';
        const path = `/spec/routes/${ri}/services/${si}/serversTransport`;
        const { id, provider } = resolveTransportReference(route.namespace, reference);
        if (provider !== KUBERNETES_CRD_PROVIDER) {
          // Another provider's transports are in Traefik's own configuration, which the input never
          // holds; without one of that name Traefik disables the router, so say what was not checked.
          add(index, {
            severity: 'info',
            code: 'traefik.transport-from-other-provider',
            source: 'traefik',
            path,
            message: `serversTransport "${reference}" names a transport of Traefik's ${provider} provider, which lint cannot see. If that provider defines no transport "${id}", Traefik fails with "no transport configuration found" and does not serve this route.`,
            hint: `Check that Traefik's ${provider} provider defines "${id}", or reference a ServersTransportTCP of namespace ${route.namespace} by its name.`,
          });
          return;
        }
        const target = transports.get(id)?.at(-1);
        if (!target) {
          const elsewhere = [...transports.values()]
            .flat()
            .find((t) => t.name === reference && t.namespace !== route.namespace);
          const near = elsewhere
            ? undefined
            : [...transports.values()]
                .flat()
                .find((t) => t.namespace === route.namespace && oneEditApart(t.name, reference));
          add(index, {
            severity: 'error',
            code: 'traefik.dangling-transport-reference',
            source: 'traefik',
            path,
            message: `serversTransport "${reference}" resolves to "${id}", and no ServersTransportTCP in this input has that ID. Traefik fails with "no transport configuration found" and does not serve this route.`,
            hint: elsewhere
              ? `Traefik looks in the IngressRouteTCP's namespace (${route.namespace}), not the Service's. ${elsewhere.namespace}/${elsewhere.name} exists: reference it as "${traefikTransportId(elsewhere.namespace, elsewhere.name)}" with allowCrossNamespace enabled, or create the transport in ${route.namespace}.`
              : near
                ? `Did you mean "${near.name}"? ServersTransportTCP ${near.namespace}/${near.name} exists, one letter away.`
                : `Create a ServersTransportTCP named ${reference || '(name)'} in namespace ${route.namespace}, or fix the reference.`,
          });
          return;
        }
        if (
          service.tls === true &&
          effectiveValues(target.spec as ServersTransportTCPSpec).tlsMode === 'none'
        ) {
          add(index, {
            severity: 'warning',
            code: 'traefik.tls-backend-without-tls-config',
            source: 'traefik',
            path: `/spec/routes/${ri}/services/${si}/tls`,
            message: `This backend is marked tls: true, but transport ${target.namespace}/${target.name} configures no TLS (no serverName, CA, certificate or insecureSkipVerify). Handshakes fail with "either ServerName or InsecureSkipVerify must be specified".`,
            hint: `Set tls.serverName on ${target.namespace}/${target.name}.`,
          });
        }
      });
    });
  });
  return result;
}
