import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../localcluster/index.js';
import { ClusterConfigError, loadClusters } from './index.js';

describe('loading clusters from a kubeconfig', () => {
  let local: LocalCluster;
  let dir: string;

  beforeAll(async () => {
    local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
    dir = mkdtempSync(join(tmpdir(), 'dialtone-kubeconfig-'));
  });

  afterAll(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers every context, the current one first', async () => {
    const loaded = await loadClusters({ kind: 'kubeconfig', path: local.kubeconfigPath });
    try {
      expect(loaded.clusters.map((c) => c.name)).toEqual([
        'dialtone-local-admin',
        'dialtone-local-editor',
        'dialtone-local-viewer',
      ]);
      expect(loaded.defaultCluster).toBe('dialtone-local-admin');
      expect(loaded.clusters.every((c) => c.source === 'kubeconfig' && c.server === local.url)).toBe(true);
      expect(loaded.description).toContain(local.kubeconfigPath);
    } finally {
      await loaded.close();
    }
  });

  it('puts the --context first, and each context acts as its own user', async () => {
    const loaded = await loadClusters({
      kind: 'kubeconfig',
      path: local.kubeconfigPath,
      context: 'dialtone-local-viewer',
    });
    try {
      expect(loaded.defaultCluster).toBe('dialtone-local-viewer');
      const viewer = loaded.clusters[0]!;
      const mayCreate = await viewer.serviceClient.accessReview({
        verb: 'create',
        group: 'traefik.io',
        resource: 'serverstransporttcps',
        namespace: 'default',
      });
      expect(mayCreate).toBe(false);
    } finally {
      await loaded.close();
    }
  });

  it('merges the files of a $KUBECONFIG list', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(
      other,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: far, cluster: {server: "https://192.0.2.1:6443"}}]',
        'users: [{name: far-user, user: {token: abc}}]',
        'contexts: [{name: far, context: {cluster: far, user: far-user}}]',
        'current-context: far',
      ].join('\n'),
    );
    const loaded = await loadClusters({
      kind: 'kubeconfig',
      path: `${local.kubeconfigPath}${delimiter}${other}`,
    });
    try {
      expect(loaded.clusters.map((c) => c.name)).toContain('far');
      expect(loaded.defaultCluster).toBe('dialtone-local-admin');
    } finally {
      await loaded.close();
    }
  });

  it('says what is wrong with a missing file or an unknown context', async () => {
    await expect(loadClusters({ kind: 'kubeconfig', path: join(dir, 'missing.yaml') })).rejects.toThrow(
      ClusterConfigError,
    );
    await expect(
      loadClusters({ kind: 'kubeconfig', path: local.kubeconfigPath, context: 'prod' }),
    ).rejects.toThrow(/no context "prod"; it has dialtone-local-admin/);
  });
});
