import { afterAll, beforeAll } from 'vitest';
import { adminFixtures, defineServerSuite } from '../../../server/src/integration/index.js';
import { startKubeApiserver, type RunningKubeApiserver } from '../support/kubeApiserver.js';

let server: RunningKubeApiserver | undefined;

beforeAll(async () => {
  server = await startKubeApiserver();
});
afterAll(() => server?.close());

defineServerSuite('kube-apiserver', () => {
  if (!server) throw new Error('kube-apiserver did not start; see the error of beforeAll');
  return {
    flavour: 'kube-apiserver',
    url: server.url,
    ca: server.caPem,
    kubeconfigPath: server.kubeconfigPath,
    kubeconfigYaml: server.kubeconfigYaml,
    contextFor: server.contextFor,
    tokens: server.tokens,
    create: adminFixtures(server.url, server.caPem, server.tokens.admin),
  };
});
