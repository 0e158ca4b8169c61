import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../../../server/src/localcluster/index.js';
import { defineConformanceSuite } from '../conformance/index.js';

// The kubectl built with kube-apiserver, so both servers meet the same client; the one on PATH only
// until `npm run upstream:build` has run.
const builtKubectl = fileURLToPath(new URL('../bin/kubectl', import.meta.url));
const kubectl = existsSync(builtKubectl) ? builtKubectl : 'kubectl';
if (kubectl === 'kubectl') console.warn(`${builtKubectl} is missing; using kubectl from PATH`);

let cluster: LocalCluster | undefined;

beforeAll(async () => {
  cluster = await startLocalCluster({ port: 0, seed: 'none', ephemeral: true });
});
afterAll(() => cluster?.close());

defineConformanceSuite(() => {
  if (!cluster) throw new Error('the embedded cluster did not start; see the error of beforeAll');
  return { kubeconfigPath: cluster.kubeconfigPath, kubectl, flavour: 'embedded' };
});
