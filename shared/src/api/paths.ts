export const API_PREFIX = '/api/v1';

const seg = encodeURIComponent;

/** The URLs of the HTTP API, built in one place for the client and the server's tests. */
export const apiPaths = {
  session: () => `${API_PREFIX}/session`,
  clusters: () => `${API_PREFIX}/clusters`,
  namespaces: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/namespaces`,
  transports: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/transports`,
  transportEvents: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/transports/events`,
  namespacedTransports: (cluster: string, namespace: string) =>
    `${API_PREFIX}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/transports`,
  transport: (cluster: string, namespace: string, name: string) =>
    `${API_PREFIX}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/transports/${seg(name)}`,
  usage: (cluster: string, namespace: string, name: string) =>
    `${API_PREFIX}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/transports/${seg(name)}/usage`,
  secrets: (cluster: string, namespace: string) =>
    `${API_PREFIX}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/secrets`,
  configMaps: (cluster: string, namespace: string) =>
    `${API_PREFIX}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/configmaps`,
  validate: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/validate`,
  exportYaml: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/export`,
  importYaml: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/import`,
  probe: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/probe`,
  schema: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/schema/serverstransporttcp`,
  traefik: (cluster: string) => `${API_PREFIX}/clusters/${seg(cluster)}/traefik`,
  transportTraefik: (cluster: string, namespace: string, name: string) =>
    `${API_PREFIX}/clusters/${seg(cluster)}/namespaces/${seg(namespace)}/transports/${seg(name)}/traefik`,
} as const;
