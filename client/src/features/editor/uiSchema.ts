import type { EffectiveValues, PathSegment } from '@dialtone/shared';

/**
 * The presentation laid over the CRD schema: which fields each security mode shows, their labels
 * and help in a platform engineer's words, and what counts as legacy. Validation, types and the
 * fields that exist at all still come from the cluster's schema.
 */
export type SecurityMode = 'plain' | 'tls' | 'mtls' | 'spiffe' | 'insecure';

export const MODES: { id: SecurityMode; label: string; help: string }[] = [
  { id: 'plain', label: 'Plain TCP', help: 'No TLS to the backend: Traefik forwards the bytes as they are.' },
  {
    id: 'tls',
    label: 'TLS',
    help: 'TLS to the backend, verified against the server name and the CAs you trust.',
  },
  {
    id: 'mtls',
    label: 'Mutual TLS',
    help: 'TLS, and Traefik presents a client certificate the backend checks.',
  },
  {
    id: 'spiffe',
    label: 'SPIFFE',
    help: "Identities from Traefik's SPIFFE workload API; no CAs or certificates here.",
  },
  {
    id: 'insecure',
    label: 'Lab: skip verification',
    help: 'TLS without checking the certificate at all. For a lab, never for production.',
  },
];

export interface FieldUi {
  label: string;
  help?: string;
}

/** Labels and help by YAML key, for the fields the form lays out itself. */
export const FIELDS: Record<string, FieldUi> = {
  dialTimeout: {
    label: 'Dial timeout',
    help: 'How long Traefik waits for the TCP connection to the backend.',
  },
  dialKeepAlive: {
    label: 'Keep-alive interval',
    help: 'How often TCP keep-alive probes are sent on an idle connection; a negative value turns them off.',
  },
  terminationDelay: {
    label: 'Termination delay',
    help: 'How long Traefik keeps a half-closed connection open before closing it fully.',
  },
  proxyProtocol: {
    label: 'PROXY protocol',
    help: 'Sends the client address to the backend in a PROXY header; only if the backend expects one.',
  },
  serverName: {
    label: 'Server name',
    help: "The name sent as SNI and checked against the backend's certificate. Traefik never uses the backend address for this.",
  },
  rootCAs: { label: 'Trusted CAs', help: 'Secrets or ConfigMaps holding the CA bundle (ca.crt or tls.ca).' },
  certificatesSecrets: {
    label: 'Client certificates',
    help: 'kubernetes.io/tls Secrets (tls.crt and tls.key) Traefik presents to the backend.',
  },
  spiffe: { label: 'SPIFFE' },
  rootCAsSecrets: { label: 'Root CA Secrets (deprecated)', help: 'Replaced by Trusted CAs (rootCAs).' },
  peerCertURI: { label: 'Peer certificate URI (deprecated)', help: 'Replaced by SPIFFE IDs.' },
  peerCertSANs: {
    label: 'Peer certificate SANs',
    help: 'Traefik does not check these for TCP transports.',
  },
};

/** Which tls fields each mode shows. */
export const MODE_FIELDS: Record<SecurityMode, readonly string[]> = {
  plain: [],
  tls: ['serverName', 'rootCAs'],
  mtls: ['serverName', 'rootCAs', 'certificatesSecrets'],
  spiffe: ['spiffe'],
  insecure: ['serverName'],
};

export const LEGACY_FIELDS = ['rootCAsSecrets', 'peerCertURI', 'peerCertSANs'] as const;

/** Fields placed by the form itself; every other spec field the schema has is shown generically. */
export const LAID_OUT = new Set(['dialTimeout', 'dialKeepAlive', 'terminationDelay', 'proxyProtocol', 'tls']);

export function modeOf(effective: EffectiveValues['tlsMode']): SecurityMode {
  return effective === 'none' ? 'plain' : effective;
}

/**
 * The mode shown: the one chosen, while what is written does not contradict it (a fresh TLS choice
 * with nothing filled in yet reads as plain; Mutual TLS before its first certificate reads as TLS).
 */
export function shownMode(chosen: SecurityMode | undefined, written: SecurityMode): SecurityMode {
  if (!chosen || chosen === written) return written;
  if (written === 'plain') return chosen;
  if (chosen === 'mtls' && written === 'tls') return chosen;
  return written;
}

/** The edits that switch to a mode: what the other modes set is removed, the rest is kept. */
export function switchMode(mode: SecurityMode): { path: PathSegment[]; value: unknown }[] {
  const tls = (key: string, value: unknown = undefined) => ({ path: ['spec', 'tls', key], value });
  switch (mode) {
    case 'plain':
      return [{ path: ['spec', 'tls'], value: undefined }];
    case 'tls':
      return [tls('certificatesSecrets'), tls('spiffe'), tls('insecureSkipVerify')];
    case 'mtls':
      return [tls('spiffe'), tls('insecureSkipVerify')];
    case 'spiffe':
      return [
        tls('serverName'),
        tls('rootCAs'),
        tls('rootCAsSecrets'),
        tls('certificatesSecrets'),
        tls('insecureSkipVerify'),
        tls('spiffe', {}),
      ];
    case 'insecure':
      return [tls('spiffe'), tls('insecureSkipVerify', true)];
  }
}
