import type { ProbeOutcome, ProbeVerdict } from '@dialtone/shared';

/** The one-line title of each outcome, unless the stage that decided it has a better one. */
export const OUTCOME_TITLES: Readonly<Record<ProbeOutcome, string>> = {
  ok: 'Connected',
  blocked_by_policy: 'Not probed: the target policy refuses this address',
  build_failed: 'Traefik cannot build this transport',
  dns_failed: 'The name does not resolve',
  tcp_refused: 'Connection refused',
  tcp_timeout: 'The connection timed out',
  tcp_failed: 'The connection failed',
  proxy_header_failed: 'Sending the PROXY protocol header failed',
  tls_config_invalid: 'Traefik would not start a TLS handshake',
  tls_handshake_failed: 'The TLS handshake failed',
  tls_timeout: 'No answer to the TLS handshake',
  tls_version_unsupported: 'The backend does not speak TLS 1.2 or 1.3',
  client_certificate_rejected: 'The backend rejected the client certificate',
  cert_untrusted: "The backend's certificate is not trusted",
  cert_expired: "The backend's certificate has expired",
  cert_not_yet_valid: "The backend's certificate is not valid yet",
  hostname_mismatch: 'The certificate does not match tls.serverName',
  peer_identity_mismatch: "The backend's identity does not match",
  spiffe_unverifiable: "Inconclusive: the probe cannot act with Traefik's SPIFFE identity",
};

/** pass, fail, blocked or inconclusive: what the outcome means for whether Traefik would connect. */
export function verdictOf(outcome: ProbeOutcome): ProbeVerdict {
  switch (outcome) {
    case 'ok':
      return 'pass';
    case 'blocked_by_policy':
      return 'blocked';
    case 'spiffe_unverifiable':
      return 'inconclusive';
    default:
      return 'fail';
  }
}

/** What to do about a target that could not be dialled, in plain words. */
export function dialNextStep(outcome: ProbeOutcome, address: string, port: number): string {
  switch (outcome) {
    case 'blocked_by_policy':
      return 'Probe an address of a Service you can read, or ask an administrator to add a --probe-allow range for it.';
    case 'dns_failed':
      return 'Check the name: it does not resolve from the Dialtone server, and Traefik resolves it the same way.';
    case 'tcp_refused':
      return `Nothing listens on port ${port} at ${address}. Check the Service's targetPort and that the backend is running.`;
    case 'tcp_timeout':
      return 'Packets are dropped on the way: check NetworkPolicies and firewalls between Traefik and the backend, and the dialTimeout.';
    default:
      return 'Check that the backend is up and reachable from the cluster network.';
  }
}
