/** Where a cluster's connection comes from. */
export type ClusterSource = 'kubeconfig' | 'in-cluster' | 'demo';

export interface ClusterInfo {
  /** Identifier used in URLs: the kubeconfig context name, `in-cluster` or `demo`. */
  name: string;
  source: ClusterSource;
  server: string;
  reachable: boolean;
  /** Why the cluster cannot be used, when it cannot. */
  unreachableReason?: string;
  traefikCrds: {
    serversTransportTCP: boolean;
    ingressRouteTCP: boolean;
    /** Optional fields the installed schema has, e.g. `proxyProtocol`, `tls.peerCertSANs`, `tls.rootCAs`. */
    optionalFields: string[];
  };
}

/** `GET /api/v1/clusters`. */
export interface ClustersResponse {
  clusters: ClusterInfo[];
  /** The cluster shown first (the `--context` or the current context). */
  defaultCluster?: string;
}

/** `GET /api/v1/clusters/{c}/namespaces`. */
export interface NamespacesResponse {
  /** `createTransports`: whether your identity may create ServersTransportTCPs there (access review). */
  namespaces: { name: string; createTransports: boolean }[];
}
