import type { ObjectMeta } from './objectMeta.js';
import type { IntOrString, ProxyProtocolConfig } from './serversTransportTCP.js';

export const INGRESS_ROUTE_TCP_KIND = 'IngressRouteTCP';

export interface ObjectReference {
  name: string;
  namespace?: string;
}

export interface ServiceTCP {
  name: string;
  /** Namespace of the Kubernetes Service; transports are still resolved in the route's namespace. */
  namespace?: string;
  nativeLB?: boolean;
  nodePortLB?: boolean;
  port: IntOrString;
  /** @deprecated use a ServersTransportTCP's proxyProtocol. */
  proxyProtocol?: ProxyProtocolConfig;
  serversTransport?: string;
  /** @deprecated use a ServersTransportTCP's terminationDelay. */
  terminationDelay?: number;
  /** Whether Traefik speaks TLS to this backend; the transport alone never turns TLS on. */
  tls?: boolean;
  weight?: number;
}

export interface RouteTCP {
  match: string;
  middlewares?: ObjectReference[];
  priority?: number;
  services?: ServiceTCP[];
  syntax?: 'v3' | 'v2';
}

export interface TLSDomain {
  main?: string;
  sans?: string[];
}

export interface IngressRouteTCPTLS {
  certResolver?: string;
  domains?: TLSDomain[];
  options?: ObjectReference;
  passthrough?: boolean;
  secretName?: string;
  store?: ObjectReference;
}

export interface IngressRouteTCPSpec {
  entryPoints?: string[];
  ingressClassName?: string;
  routes: RouteTCP[];
  tls?: IngressRouteTCPTLS;
}

export interface IngressRouteTCP {
  apiVersion: 'traefik.io/v1alpha1';
  kind: typeof INGRESS_ROUTE_TCP_KIND;
  metadata: ObjectMeta;
  spec: IngressRouteTCPSpec;
}
