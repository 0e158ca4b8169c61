import type { IntOrString, ServersTransportTCPSpec } from '../model/index.js';
import { formatGoDuration, readTraefikDuration } from './durations.js';

export type DurationField = 'dialTimeout' | 'dialKeepAlive' | 'terminationDelay';

/** Traefik's SetDefaults for a TCP servers transport, applied only to fields left unset. */
export const TRAEFIK_DURATION_DEFAULTS: Readonly<Record<DurationField, bigint>> = {
  dialTimeout: 30_000_000_000n,
  dialKeepAlive: 15_000_000_000n,
  terminationDelay: 100_000_000n,
};

export interface EffectiveDuration {
  /** What Traefik will use, in Go's notation ("30s", "1h2m3.004s", "-1s"). */
  display: string;
  /** Milliseconds as a number, for sorting and arithmetic (exact up to about 285 years). */
  milliseconds: number;
  /** `default`: unset, Traefik's default; `explicit`: read from the spec; `parse-error`: Traefik keeps 0. */
  origin: 'default' | 'explicit' | 'parse-error';
  /** The value as written in the spec. */
  raw?: IntOrString;
  /** Traefik's error message when the value cannot be read. */
  error?: string;
}

export interface EffectiveValues {
  dialTimeout: EffectiveDuration;
  dialKeepAlive: EffectiveDuration;
  terminationDelay: EffectiveDuration;
  /** The PROXY protocol version sent before TLS, `0` when the section is there without a version. */
  proxyProtocolVersion?: number;
  /** How Traefik will talk TLS to backends marked `tls: true`. */
  tlsMode: 'none' | 'tls' | 'mtls' | 'spiffe' | 'insecure';
  serverName?: string;
  insecureSkipVerify: boolean;
}

function effectiveDuration(spec: ServersTransportTCPSpec, field: DurationField): EffectiveDuration {
  const raw = spec[field];
  if (raw === undefined || raw === null) {
    const nanos = TRAEFIK_DURATION_DEFAULTS[field];
    return { display: formatGoDuration(nanos), milliseconds: Number(nanos) / 1e6, origin: 'default' };
  }
  const reading = readTraefikDuration(raw);
  const result: EffectiveDuration = {
    display: formatGoDuration(reading.nanos),
    milliseconds: Number(reading.nanos) / 1e6,
    origin: reading.error ? 'parse-error' : 'explicit',
    raw,
  };
  if (reading.error) result.error = reading.error;
  return result;
}

function tlsMode(spec: ServersTransportTCPSpec): EffectiveValues['tlsMode'] {
  const tls = spec.tls;
  if (!tls) return 'none';
  if (tls.spiffe) return 'spiffe';
  if (tls.insecureSkipVerify) return 'insecure';
  if ((tls.certificatesSecrets?.length ?? 0) > 0) return 'mtls';
  const configured =
    Boolean(tls.serverName) ||
    (tls.rootCAs?.length ?? 0) > 0 ||
    (tls.rootCAsSecrets?.length ?? 0) > 0 ||
    Boolean(tls.peerCertURI);
  // peerCertSANs does not count: the kubernetescrd provider never copies it into TCP transports.
  return configured ? 'tls' : 'none';
}

/** What Traefik really uses for a spec: defaults only when unset, an explicit 0 stays 0, errors give 0. */
export function effectiveValues(spec: ServersTransportTCPSpec | undefined | null): EffectiveValues {
  const s = spec ?? {};
  const out: EffectiveValues = {
    dialTimeout: effectiveDuration(s, 'dialTimeout'),
    dialKeepAlive: effectiveDuration(s, 'dialKeepAlive'),
    terminationDelay: effectiveDuration(s, 'terminationDelay'),
    tlsMode: tlsMode(s),
    insecureSkipVerify: s.tls?.insecureSkipVerify === true,
  };
  if (s.proxyProtocol) out.proxyProtocolVersion = s.proxyProtocol.version ?? 0;
  if (s.tls?.serverName) out.serverName = s.tls.serverName;
  return out;
}
