import type { Diagnostic, Severity } from '../diagnostics/index.js';
import type { IngressRouteTCP, ServersTransportTCP } from '../model/index.js';
import type { EffectiveValues } from '../traefik/index.js';

export type TransportBadge = 'tls' | 'mtls' | 'spiffe' | 'insecure' | 'proxy-protocol' | 'deprecated-fields';

/** One row of `GET /api/v1/clusters/{c}/transports`. */
export interface TransportSummary {
  namespace: string;
  name: string;
  /** Traefik's name for it, e.g. `demo-backend-tls@kubernetescrd`. */
  traefikId: string;
  effective: EffectiveValues;
  badges: TransportBadge[];
  /** How many IngressRouteTCP services reference it. */
  routeCount: number;
  diagnostics: Record<Severity, number>;
  /**
   * The Secrets and ConfigMaps it names. The client checks them against the namespace's listings,
   * read as the user, so the list counts unresolved references without the server reading Secrets
   * on anyone's behalf.
   */
  references?: {
    kind: 'Secret' | 'ConfigMap';
    name: string;
    usedBy: ReferenceState['usedBy'];
    path: string;
  }[];
  resourceVersion: string;
  creationTimestamp?: string;
}

/** A route service naming a transport that does not exist; Traefik does not serve that route. */
export interface DanglingReference {
  route: { namespace: string; name: string };
  /** As written in `services[].serversTransport`. */
  reference: string;
  /** The Traefik ID it resolves to, which no ServersTransportTCP has. */
  resolvesTo: string;
}

export interface TransportListResponse {
  items: TransportSummary[];
  /** References from IngressRouteTCPs the user may list that resolve to no transport. */
  dangling?: DanglingReference[];
  /** resourceVersion of the list, to resume the event stream from. */
  resourceVersion: string;
}

/** One `data:` line of `GET /api/v1/clusters/{c}/transports/events`. */
export type TransportEvent =
  | { type: 'ADDED' | 'MODIFIED'; summary: TransportSummary }
  | { type: 'DELETED'; namespace: string; name: string; resourceVersion: string }
  | { type: 'RESYNC'; reason: string };

/** State of one Secret or ConfigMap a transport references, as Traefik would load it. */
export interface ReferenceState {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  /** Which field references it: `rootCAs`, `rootCAsSecrets` or `certificatesSecrets`. */
  usedBy: 'rootCAs' | 'rootCAsSecrets' | 'certificatesSecrets';
  /** JSON pointer of the name in the transport, so a finding lands on its field. */
  path?: string;
  state: 'ok' | 'missing' | 'forbidden' | 'no-usable-key' | 'invisible-to-traefik';
  /** The key Traefik reads, in its order (`tls.ca`, `ca.crt`, the single key; `tls.crt` + `tls.key`). */
  key?: string;
  message?: string;
  certificates?: CertificateSummary[];
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  expired: boolean;
  dnsNames: string[];
  uris: string[];
  ipAddresses: string[];
  isCA: boolean;
  fingerprintSha256: string;
}

/** A place where an IngressRouteTCP uses a transport. */
export interface TransportUsage {
  route: { namespace: string; name: string };
  routeIndex: number;
  serviceIndex: number;
  service: { namespace: string; name: string; port: number | string };
  /** Whether Traefik speaks TLS to this backend (`services[].tls`). */
  tls: boolean;
  reference: string;
  /** `services[].nativeLB` and `nodePortLB` where set: which addresses Traefik dials. */
  nativeLB?: boolean;
  nodePortLB?: boolean;
}

export interface TransportPermissions {
  update: boolean;
  delete: boolean;
  readSecrets: boolean;
}

/** `GET /api/v1/clusters/{c}/namespaces/{ns}/transports/{name}`. */
export interface TransportDetail {
  object: ServersTransportTCP;
  traefikId: string;
  effective: EffectiveValues;
  diagnostics: Diagnostic[];
  usage: TransportUsage[];
  references: ReferenceState[];
  permissions: TransportPermissions;
}

/** `POST` create and `PUT` update answer with the stored object and any API server warnings. */
export interface TransportWriteResponse {
  object: ServersTransportTCP;
  dryRun: boolean;
  warnings: string[];
  diagnostics: Diagnostic[];
}

/** Details of a 409 on update: the object as it is now, so no edit is lost. */
export interface ConflictDetails {
  current: ServersTransportTCP;
}

/** `GET .../transports/{name}/usage`. */
export interface UsageResponse {
  usage: TransportUsage[];
  routes: IngressRouteTCP[];
}
