import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeClusterSource, resolveClusterSource } from './clusterSource.js';

const none = { demo: false, inCluster: false };

describe('resolveClusterSource', () => {
  const homes: string[] = [];
  const home = (withKubeconfig: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-home-'));
    homes.push(dir);
    if (withKubeconfig) {
      mkdirSync(join(dir, '.kube'));
      writeFileSync(join(dir, '.kube', 'config'), 'apiVersion: v1\nkind: Config\n');
    }
    return dir;
  };

  afterEach(() => {
    for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('uses the demo cluster when nothing is configured, and says so', () => {
    const source = resolveClusterSource(none, {}, home(false));
    expect(source).toEqual({ kind: 'demo', reason: 'no-cluster-configured' });
    expect(describeClusterSource(source)).toMatch(/none configured.*embedded demo cluster/);
  });

  it('prefers the flags, then $KUBECONFIG, then ~/.kube/config', () => {
    const withConfig = home(true);
    expect(resolveClusterSource({ ...none, demo: true }, {}, withConfig)).toEqual({
      kind: 'demo',
      reason: 'flag',
    });
    expect(resolveClusterSource({ ...none, inCluster: true }, {}, withConfig)).toEqual({
      kind: 'in-cluster',
    });
    expect(
      resolveClusterSource({ ...none, kubeconfig: '/a' }, { KUBECONFIG: '/b' }, withConfig),
    ).toMatchObject({
      path: '/a',
    });
    expect(resolveClusterSource(none, { KUBECONFIG: '/b' }, withConfig)).toMatchObject({ path: '/b' });
    expect(resolveClusterSource({ ...none, context: 'prod' }, {}, withConfig)).toEqual({
      kind: 'kubeconfig',
      path: join(withConfig, '.kube', 'config'),
      context: 'prod',
    });
  });

  it('detects a pod by its service account and the service environment', () => {
    const token = join(home(false), 'token');
    writeFileSync(token, 'x');
    const env = { KUBERNETES_SERVICE_HOST: '10.0.0.1' };
    expect(resolveClusterSource(none, env, home(false), token)).toEqual({ kind: 'in-cluster' });
    expect(resolveClusterSource(none, {}, home(false), token)).toMatchObject({ kind: 'demo' });
    expect(describeClusterSource({ kind: 'in-cluster' })).toContain('service account');
  });
});
