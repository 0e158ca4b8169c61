import { startLocalCluster } from '../../../server/src/localcluster/index.js';
import { defineTraefikJudge } from '../traefik/suite.js';

// The same Traefik and corpus on Dialtone's embedded cluster: Traefik's client-go informers list and
// watch every Traefik kind, Secrets, ConfigMaps, Services, EndpointSlices and Nodes there, and the
// backends sit behind ordinary Services with loopback EndpointSlices, which this cluster accepts.
defineTraefikJudge('embedded-cluster', async () => {
  const cluster = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
  return {
    target: {
      kubeconfigPath: cluster.kubeconfigPath,
      endpoint: cluster.url,
      adminToken: cluster.tokens.admin,
      caPem: cluster.ca,
      reach: 'endpoints',
      dialtoneBackendArgs: [],
    },
    close: () => cluster.close(),
  };
});
