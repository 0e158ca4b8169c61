import { afterAll, beforeAll } from 'vitest';
import { defineConformanceSuite } from '../conformance/index.js';
import { startKubeApiserver } from '../support/kubeApiserver.js';

let server: Awaited<ReturnType<typeof startKubeApiserver>> | undefined;

beforeAll(async () => {
  server = await startKubeApiserver();
});
afterAll(() => server?.close());

defineConformanceSuite(() => {
  if (!server) throw new Error('kube-apiserver did not start; see the error of beforeAll');
  return { kubeconfigPath: server.kubeconfigPath, kubectl: server.kubectl, flavour: 'kube-apiserver' };
});
