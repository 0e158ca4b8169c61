import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalCluster } from '../index.js';
import { STT, transport } from '../testing/harness.js';

const dirs: string[] = [];
function newDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data directory', () => {
  it('world-readable Secrets: keeps the directory 0700 and every file 0600, also those an older version left 0644', async () => {
    const dataDir = join(newDir('dialtone-modes-'), 'data');
    const first = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
    const kc = new k8s.KubeConfig();
    kc.loadFromString(first.kubeconfigYaml);
    await kc.makeApiClient(k8s.CoreV1Api).createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 'key' }, stringData: { k: 'v' } },
    });
    await kc
      .makeApiClient(k8s.CustomObjectsApi)
      .createNamespacedCustomObject({ ...STT, namespace: 'default', body: transport('t') });
    await first.close();
    const files = readdirSync(dataDir);
    expect(files).toEqual(
      expect.arrayContaining(['changes.log', 'objects.json', 'tokens.json', 'ca.key', 'serving.key']),
    );
    expect(mode(dataDir)).toBe(0o700);
    for (const file of files) expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);

    chmodSync(dataDir, 0o755);
    for (const file of files) chmodSync(join(dataDir, file), 0o644);
    const second = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
    await second.close();
    expect(mode(dataDir)).toBe(0o700);
    for (const file of readdirSync(dataDir)) expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
  });

  it('planted symlink: refuses to start when a data file is a link, and leaves its target untouched', async () => {
    for (const file of ['changes.log', 'objects.json', 'tokens.json', 'ca.key', 'kubeconfig.yaml']) {
      const dataDir = newDir('dialtone-link-');
      const victim = join(newDir('dialtone-victim-'), 'precious');
      writeFileSync(victim, 'do not truncate me\n');
      symlinkSync(victim, join(dataDir, file));
      await expect(startLocalCluster({ port: 0, dataDir, seed: 'none' }), file).rejects.toThrow(
        `${join(dataDir, file)} is a symbolic link`,
      );
      expect(readFileSync(victim, 'utf8')).toBe('do not truncate me\n');
    }
  });

  it('keeps the CA and the serving key across restarts, so a kubeconfig handed out before still verifies', async () => {
    const dataDir = newDir('dialtone-ca-');
    const first = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
    const key = readFileSync(join(dataDir, 'serving.key'), 'utf8');
    await first.close();
    const second = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
    try {
      expect(second.ca).toBe(first.ca);
      expect(readFileSync(join(dataDir, 'serving.key'), 'utf8')).toBe(key);
      // The old kubeconfig, pointed at the new port: its CA and token still work.
      const old = new k8s.KubeConfig();
      old.loadFromString(first.kubeconfigYaml.replace(first.url, second.url));
      const list = await old.makeApiClient(k8s.CoreV1Api).listNamespace();
      expect(list.items.map((n) => n.metadata?.name)).toContain('default');
    } finally {
      await second.close();
    }
  });
});
