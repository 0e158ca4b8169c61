import type { ConfigObjectSummary, ReferenceState } from '../api/index.js';
import type { Diagnostic } from '../diagnostics/index.js';

/** A Secret or ConfigMap a transport names, with the field that names it. */
export interface WantedReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  usedBy: ReferenceState['usedBy'];
  /** JSON pointer of the name in the object. */
  path: string;
}

interface TlsLike {
  rootCAsSecrets?: unknown;
  rootCAs?: unknown;
  certificatesSecrets?: unknown;
}

function strings(value: unknown): [number, string][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i): [number, string][] => (typeof v === 'string' && v !== '' ? [[i, v]] : []));
}

/** Every Secret and ConfigMap a transport spec references, in Traefik's loading order. */
export function referencesOf(spec: unknown): WantedReference[] {
  const tls = (spec as { tls?: TlsLike } | undefined)?.tls;
  if (!tls || typeof tls !== 'object') return [];
  const wanted: WantedReference[] = [];
  for (const [i, name] of strings(tls.rootCAsSecrets))
    wanted.push({
      kind: 'Secret',
      name,
      usedBy: 'rootCAsSecrets',
      path: `/spec/tls/rootCAsSecrets/${String(i)}`,
    });
  if (Array.isArray(tls.rootCAs)) {
    tls.rootCAs.forEach((item: unknown, i) => {
      const ca = (item ?? {}) as { secret?: unknown; configMap?: unknown };
      const secret = typeof ca.secret === 'string' && ca.secret !== '' ? ca.secret : undefined;
      const configMap = typeof ca.configMap === 'string' && ca.configMap !== '' ? ca.configMap : undefined;
      // An item naming both or neither is a schema/lint finding; Traefik skips it before any lookup.
      if (secret && !configMap)
        wanted.push({
          kind: 'Secret',
          name: secret,
          usedBy: 'rootCAs',
          path: `/spec/tls/rootCAs/${String(i)}/secret`,
        });
      if (configMap && !secret)
        wanted.push({
          kind: 'ConfigMap',
          name: configMap,
          usedBy: 'rootCAs',
          path: `/spec/tls/rootCAs/${String(i)}/configMap`,
        });
    });
  }
  for (const [i, name] of strings(tls.certificatesSecrets))
    wanted.push({
      kind: 'Secret',
      name,
      usedBy: 'certificatesSecrets',
      path: `/spec/tls/certificatesSecrets/${String(i)}`,
    });
  return wanted;
}

/** The key Traefik's loadCASecret reads: tls.ca, else ca.crt, else the only key there is (Secrets only). */
export function caKeyOf(kind: WantedReference['kind'], keys: readonly string[]): string | undefined {
  if (keys.includes('tls.ca')) return 'tls.ca';
  if (keys.includes('ca.crt')) return 'ca.crt';
  return kind === 'Secret' && keys.length === 1 ? keys[0] : undefined;
}

function keysText(keys: readonly string[]): string {
  return keys.length === 0 ? 'no keys' : `the keys ${keys.join(', ')}`;
}

/**
 * The state Traefik would find from a namespace listing (names and key names, never values).
 * `listing` undefined means the listing could not be read: the state is unknown and no state is returned.
 */
export function referenceStateFromListing(
  wanted: WantedReference,
  namespace: string,
  listing: readonly ConfigObjectSummary[] | undefined,
): ReferenceState | undefined {
  if (!listing) return undefined;
  const base = { kind: wanted.kind, name: wanted.name, usedBy: wanted.usedBy, path: wanted.path };
  const found = listing.find((o) => o.name === wanted.name);
  if (!found)
    return {
      ...base,
      state: 'missing',
      message: `There is no ${wanted.kind} ${wanted.name} in ${namespace}.`,
    };
  if (found.invisibleToTraefik)
    return {
      ...base,
      state: 'invisible-to-traefik',
      message: 'It is labelled owner=helm, and Traefik ignores such objects: for Traefik it does not exist.',
    };
  if (wanted.usedBy === 'certificatesSecrets') {
    if (!found.keys.includes('tls.crt') || !found.keys.includes('tls.key'))
      return {
        ...base,
        state: 'no-usable-key',
        message: `Traefik needs tls.crt and tls.key; this Secret has ${keysText(found.keys)}.`,
      };
    return { ...base, state: 'ok', key: 'tls.crt' };
  }
  const key = caKeyOf(wanted.kind, found.keys);
  if (!key)
    return {
      ...base,
      state: 'no-usable-key',
      message: `Traefik reads tls.ca, then ca.crt${wanted.kind === 'Secret' ? ', then the only key' : ''}; this ${wanted.kind} has ${keysText(found.keys)}.`,
    };
  return { ...base, state: 'ok', key };
}

const CODE: Partial<Record<ReferenceState['state'], string>> = {
  missing: 'traefik.reference-missing',
  'no-usable-key': 'traefik.reference-no-usable-key',
  'invisible-to-traefik': 'traefik.reference-invisible',
};

function consequence(state: ReferenceState): string {
  if (state.usedBy === 'certificatesSecrets')
    return 'Traefik logs "Error while loading certificates", skips it and dials without this client certificate: backends that require mutual TLS refuse the handshake.';
  return 'Traefik logs "Error while loading CA", skips it and verifies backends against the other CAs, or the system roots when none is left: a backend signed by this CA fails verification.';
}

function what(state: ReferenceState, namespace: string): string {
  const named = `${state.usedBy} names ${state.kind} ${state.name}`;
  if (state.state === 'missing') return `${named}, and there is no such ${state.kind} in ${namespace}.`;
  if (state.state === 'invisible-to-traefik')
    return `${named}, which is labelled owner=helm: Traefik's informer ignores it, so for Traefik it does not exist.`;
  return `${named}, which has no key Traefik can use${state.message ? ` (${state.message.replace(/\.$/, '')})` : ''}.`;
}

function hintFor(state: ReferenceState, namespace: string): string {
  if (state.state === 'missing')
    return `Create the ${state.kind} ${state.name} in ${namespace}, or pick one that exists.`;
  if (state.state === 'invisible-to-traefik')
    return `Remove the owner=helm label from ${state.name}, or copy it to a ${state.kind} without it.`;
  return state.usedBy === 'certificatesSecrets'
    ? `Store the client certificate and key as tls.crt and tls.key in ${state.name}.`
    : `Store the CA bundle under the key ca.crt (or tls.ca) in ${state.name}.`;
}

/** Unresolved references as diagnostics: the API server accepts them, Traefik silently drops the material. */
export function referenceDiagnostics(states: readonly ReferenceState[], namespace: string): Diagnostic[] {
  return states.flatMap((state): Diagnostic[] => {
    const code = CODE[state.state];
    if (!code) return [];
    return [
      {
        // A warning, not an error: Traefik still builds the transport and serves its routes, only
        // without this material (the Traefik judge confirms it); the consequence says what fails.
        severity: 'warning',
        code,
        source: 'traefik',
        path: state.path ?? '/spec/tls',
        message: `${what(state, namespace)} ${consequence(state)}`,
        hint: hintFor(state, namespace),
      },
    ];
  });
}

/** Listings of one namespace, or undefined for a kind that could not be listed. */
export interface NamespaceListings {
  secrets: readonly ConfigObjectSummary[] | undefined;
  configMaps: readonly ConfigObjectSummary[] | undefined;
}

/** Reference diagnostics of a spec checked against its namespace's listings. */
export function listingReferenceDiagnostics(
  spec: unknown,
  namespace: string,
  listings: NamespaceListings,
): Diagnostic[] {
  const states = referencesOf(spec).flatMap((wanted) => {
    const state = referenceStateFromListing(
      wanted,
      namespace,
      wanted.kind === 'Secret' ? listings.secrets : listings.configMaps,
    );
    return state ? [state] : [];
  });
  return referenceDiagnostics(states, namespace);
}
