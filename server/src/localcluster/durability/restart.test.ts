import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCluster } from '../index.js';
import { clusterRequest, endpointFromKubeconfig, STT, transport } from '../testing/harness.js';

const dataDir = mkdtempSync(join(tmpdir(), 'dialtone-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function client(kubeconfigYaml: string): k8s.CustomObjectsApi {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  return kc.makeApiClient(k8s.CustomObjectsApi);
}

describe('a cluster with a data directory', () => {
  it('compacts its change log while running without losing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-compact-'));
    try {
      const first = await startLocalCluster({ port: 0, dataDir: dir, seed: 'none', compactAfterWrites: 10 });
      const co = client(first.kubeconfigYaml);
      for (let i = 0; i < 35; i++) {
        await co.createNamespacedCustomObject({ ...STT, namespace: 'default', body: transport(`c-${i}`) });
      }
      for (let i = 0; i < 35; i += 5)
        await co.deleteNamespacedCustomObject({ ...STT, namespace: 'default', name: `c-${i}` });
      await new Promise((r) => setImmediate(r));
      expect(readFileSync(join(dir, 'changes.log'), 'utf8').split('\n').length).toBeLessThan(12);
      await first.close();
      const second = await startLocalCluster({ port: 0, dataDir: dir, seed: 'none' });
      const list = await client(second.kubeconfigYaml).listNamespacedCustomObject({
        ...STT,
        namespace: 'default',
      });
      expect(list.items).toHaveLength(28);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps objects, deletions and tokens across a clean restart, and refuses a second server on the same directory', async () => {
    const first = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
    await expect(startLocalCluster({ port: 0, dataDir, seed: 'none' })).rejects.toThrow(
      /is using .*choose another --data-dir/,
    );
    const co = client(first.kubeconfigYaml);
    await co.createNamespacedCustomObject({
      ...STT,
      namespace: 'default',
      body: transport('kept', { dialTimeout: '7s' }),
    });
    await co.createNamespacedCustomObject({ ...STT, namespace: 'default', body: transport('gone') });
    await co.deleteNamespacedCustomObject({ ...STT, namespace: 'default', name: 'gone' });
    await first.close();

    const second = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
    try {
      expect(second.tokens).toEqual(first.tokens);
      const list = await client(second.kubeconfigYaml).listNamespacedCustomObject({
        ...STT,
        namespace: 'default',
      });
      expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['kept']);
      expect(list.items[0].spec).toEqual({ dialTimeout: '7s' });
      // History before the restart is gone: a watch from an old resourceVersion must re-list.
      const res = await clusterRequest(
        endpointFromKubeconfig(second.kubeconfigYaml),
        '/apis/traefik.io/v1alpha1/serverstransporttcps?watch=true&resourceVersion=2',
      );
      expect(res.text.split('\n')[0]).toContain('"code":410');
    } finally {
      await second.close();
    }
  });
});
