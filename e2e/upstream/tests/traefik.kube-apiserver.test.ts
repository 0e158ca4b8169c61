import { startKubeApiserver } from '../support/kubeApiserver.js';
import { defineTraefikJudge } from '../traefik/suite.js';

// kube-apiserver refuses loopback addresses in EndpointSlices, so the backends on 127.0.0.1 sit behind
// ExternalName Services named localhost, which the backend cases' Traefik (and Dialtone) allow.
defineTraefikJudge('kube-apiserver', async () => {
  const apiserver = await startKubeApiserver();
  return {
    target: {
      kubeconfigPath: apiserver.kubeconfigPath,
      endpoint: apiserver.url,
      adminToken: apiserver.tokens.admin,
      caPem: apiserver.caPem,
      reach: 'externalName',
      dialtoneBackendArgs: ['--allow-external-name-services'],
    },
    close: () => apiserver.close(),
  };
});
