import { afterAll, beforeAll } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../localcluster/index.js';
import { defineServerSuite, embeddedClusterUnderTest } from './index.js';

let cluster: LocalCluster | undefined;

beforeAll(async () => {
  cluster = await startLocalCluster({ port: 0, seed: 'none', ephemeral: true });
});
afterAll(() => cluster?.close());

defineServerSuite('the embedded cluster', () => {
  if (!cluster) throw new Error('the embedded cluster did not start; see the error of beforeAll');
  return embeddedClusterUnderTest(cluster);
});
