import type { Diagnostic } from '../diagnostics/index.js';

// Top-level fields of Traefik's HTTP ServersTransport spec, to explain the common copy-paste mistake
// of writing TCP settings into kind ServersTransport.
const HTTP_TRANSPORT_FIELDS = new Set([
  'serverName',
  'insecureSkipVerify',
  'rootCAs',
  'rootCAsSecrets',
  'certificatesSecrets',
  'maxIdleConnsPerHost',
  'forwardingTimeouts',
  'disableHTTP2',
  'peerCertURI',
  'peerCertSANs',
  'spiffe',
]);

const TCP_ONLY_FIELDS = new Set(['dialTimeout', 'dialKeepAlive', 'terminationDelay', 'tls', 'proxyProtocol']);

/** A ServersTransport (HTTP) document: point out the fields that only a ServersTransportTCP has. */
export function checkHttpServersTransport(value: Record<string, unknown>): Diagnostic[] {
  const spec = value['spec'];
  const out: Diagnostic[] = [];
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return out;
  for (const key of Object.keys(spec)) {
    if (HTTP_TRANSPORT_FIELDS.has(key)) continue;
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'schema.unknown-field',
      source: 'schema',
      path: `/spec/${key}`,
      message: `spec.${key} is not a field of ServersTransport, Traefik's HTTP transport; the API server rejects it under strict field validation.`,
    };
    if (TCP_ONLY_FIELDS.has(key))
      diagnostic.hint = 'For TCP backends use kind: ServersTransportTCP, which has this field.';
    out.push(diagnostic);
  }
  return out;
}
