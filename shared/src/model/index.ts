export type { ObjectMeta } from './objectMeta.js';
export type {
  IntOrString,
  PeerCertSAN,
  ProxyProtocolConfig,
  RootCA,
  ServersTransportTCP,
  ServersTransportTCPSpec,
  ServersTransportTCPTLS,
  SpiffeConfig,
} from './serversTransportTCP.js';
export { SERVERS_TRANSPORT_TCP_KIND, TRAEFIK_API_VERSION } from './serversTransportTCP.js';
export type {
  IngressRouteTCP,
  IngressRouteTCPSpec,
  IngressRouteTCPTLS,
  ObjectReference,
  RouteTCP,
  ServiceTCP,
  TLSDomain,
} from './ingressRouteTCP.js';
export { INGRESS_ROUTE_TCP_KIND } from './ingressRouteTCP.js';
export type { Shape, ShapeOf } from './shape.js';
export { ingressRouteTCPSpecShape, serversTransportTCPSpecShape } from './shape.js';
