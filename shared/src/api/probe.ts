import type { ServersTransportTCPSpec } from '../model/index.js';

/** A saved transport, or the unsaved draft from the editor with the namespace it will live in. */
export type ProbeTransport =
  { namespace: string; name: string } | { namespace: string; spec: ServersTransportTCPSpec };

/**
 * One thing to dial. `tls` says whether Traefik would talk TLS to it (the route's `services[].tls`);
 * the user may override it. A Service port is a number or the port's name, as in an IngressRouteTCP.
 */
export type ProbeTarget =
  | { address: string; tls?: boolean }
  | {
      service: { namespace: string; name: string; port: number | string };
      tls?: boolean;
      nativeLB?: boolean;
    };

/** `POST /api/v1/clusters/{c}/probe`. `"usage"` probes every backend of every route using the transport. */
export interface ProbeRequest {
  transport: ProbeTransport;
  targets: ProbeTarget[] | 'usage';
}

export type ProbeStageName =
  | 'build'
  | 'resolve'
  | 'connect'
  | 'proxy-protocol'
  | 'tls-handshake'
  | 'chain'
  | 'host-name'
  | 'peer-identity';

export interface ProbeStage {
  name: ProbeStageName;
  status: 'pass' | 'fail' | 'skipped';
  /** Rounded to 0.1 ms; 0 for a stage that did not run. */
  durationMs: number;
  message: string;
}

/** A certificate the backend presented, reduced to bounded, escaped facts. */
export interface ProbeCertificate {
  subject: string;
  issuer: string;
  /** Subject alternative names as `DNS:x`, `IP:x`, `URI:x`, at most a bounded number. */
  sans: string[];
  /** How many SANs were left out to keep the answer small. */
  sansOmitted: number;
  notBefore: string;
  notAfter: string;
  daysToExpiry: number;
  keyType: string;
  fingerprintSha256: string;
}

/**
 * `inconclusive`: every check the probe can make passed, but Traefik would decide on something the
 * probe cannot reproduce (its SPIFFE identity from the workload API). Neither a pass nor a fail.
 */
export type ProbeVerdict = 'pass' | 'fail' | 'blocked' | 'inconclusive';

/** A fixed set of outcome classes, so errors never carry what the backend or the network said. */
export type ProbeOutcome =
  | 'ok'
  | 'blocked_by_policy'
  | 'build_failed'
  | 'dns_failed'
  | 'tcp_refused'
  | 'tcp_timeout'
  | 'tcp_failed'
  | 'proxy_header_failed'
  | 'tls_config_invalid'
  | 'tls_handshake_failed'
  | 'tls_timeout'
  | 'tls_version_unsupported'
  | 'client_certificate_rejected'
  | 'cert_untrusted'
  | 'cert_expired'
  | 'cert_not_yet_valid'
  | 'hostname_mismatch'
  | 'peer_identity_mismatch'
  /** SPIFFE: the backend's SVID matched, but Traefik's own SVID and trust bundle are beyond the probe. */
  | 'spiffe_unverifiable';

export interface ProbeTargetResult {
  /** The target as asked for; for `"usage"`, the route's backend it came from. */
  target: ProbeTarget & { route?: { namespace: string; name: string } };
  /** The `ip:port` (or `host:port` when it was never resolved) this result is about. */
  address: string;
  verdict: ProbeVerdict;
  outcome: ProbeOutcome;
  title: string;
  nextStep: string;
  stages: ProbeStage[];
  certificates: ProbeCertificate[];
  tls?: { protocol: string; cipher: string };
  /** What to run to see the same handshake with OpenSSL. */
  opensslCommand?: string;
  /** Facts worth knowing even when it passed: Traefik behaviours the probe cannot reproduce, cipher caveats. */
  notes: string[];
}

export interface ProbeResponse {
  results: ProbeTargetResult[];
  /** About the transport as a whole: TLS material Traefik would skip, fallbacks, deprecations. */
  notes: string[];
}
