import type { Diagnostic } from '../diagnostics/index.js';

// ServersTransportTCP fields that the spec of Traefik v3.7.9's HTTP ServersTransport does not have, to
// explain the common copy-paste mistake of writing TCP settings into kind ServersTransport. Dialtone
// does not own the HTTP kind, so its other fields (cipherSuites, minVersion...) are left to its CRD.
const TCP_ONLY_FIELDS = new Set(['dialTimeout', 'dialKeepAlive', 'terminationDelay', 'tls', 'proxyProtocol']);

/** A ServersTransport (HTTP) document: point out the fields that only a ServersTransportTCP has. */
export function checkHttpServersTransport(value: Record<string, unknown>): Diagnostic[] {
  const spec = value['spec'];
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return [];
  return Object.keys(spec)
    .filter((key) => TCP_ONLY_FIELDS.has(key))
    .map((key) => ({
      severity: 'error',
      code: 'schema.unknown-field',
      source: 'schema',
      path: `/spec/${key}`,
      message: `spec.${key} is not a field of ServersTransport, Traefik's HTTP transport; the API server rejects it under strict field validation.`,
      hint: 'For TCP backends use kind: ServersTransportTCP, which has this field.',
    }));
}
