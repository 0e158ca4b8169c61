import type { ObjectMeta } from './objectMeta.js';

/** A Kubernetes int-or-string; for Traefik durations an integer means seconds. */
export type IntOrString = number | string;

export const TRAEFIK_API_VERSION = 'traefik.io/v1alpha1';
export const SERVERS_TRANSPORT_TCP_KIND = 'ServersTransportTCP';

/** A CA reference: exactly one of `secret` or `configMap` (CEL rule of the CRD). */
export interface RootCA {
  secret?: string;
  configMap?: string;
}

/** A Subject Alternative Name to match; Traefik understands `URI` and `DNSName`. */
export interface PeerCertSAN {
  type?: string;
  value?: string;
}

export interface SpiffeConfig {
  /** Allowed SPIFFE IDs; takes precedence over trustDomain. */
  ids?: string[];
  trustDomain?: string;
}

export interface ServersTransportTCPTLS {
  serverName?: string;
  insecureSkipVerify?: boolean;
  rootCAs?: RootCA[];
  /** @deprecated Traefik prefers `rootCAs`. */
  rootCAsSecrets?: string[];
  certificatesSecrets?: string[];
  /** @deprecated on Traefik master in favour of `peerCertSANs`. */
  peerCertURI?: string;
  peerCertSANs?: PeerCertSAN[];
  spiffe?: SpiffeConfig;
}

export interface ProxyProtocolConfig {
  version?: number;
}

export interface ServersTransportTCPSpec {
  dialTimeout?: IntOrString;
  dialKeepAlive?: IntOrString;
  terminationDelay?: IntOrString;
  proxyProtocol?: ProxyProtocolConfig;
  tls?: ServersTransportTCPTLS;
}

export interface ServersTransportTCP {
  apiVersion: typeof TRAEFIK_API_VERSION;
  kind: typeof SERVERS_TRANSPORT_TCP_KIND;
  metadata: ObjectMeta;
  spec: ServersTransportTCPSpec;
}
