import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import type { LocalCluster, LocalClusterOptions } from '../index.js';
import { startLocalCluster } from '../index.js';
import type { ClusterAnswer, ClusterRequestInit } from './clusterRequest.js';
import { clusterRequest } from './clusterRequest.js';

export type { ClusterAnswer, ClusterEndpoint, ClusterRequestInit } from './clusterRequest.js';
export { clusterRequest, endpointFromKubeconfig, openClusterRequest } from './clusterRequest.js';

export interface HttpInit extends ClusterRequestInit {
  /** Whose bearer token to send: the administrator's by default, `null` for none. */
  token?: string | null;
}

const builtKubectl = fileURLToPath(new URL('../../../../e2e/upstream/bin/kubectl', import.meta.url));

/**
 * The kubectl tests drive: `KUBECTL` when set, else the one `npm run upstream:build` built with the
 * judging kube-apiserver (so CI, which builds it, skips none), else whatever PATH finds.
 */
export const kubectlPath: string =
  process.env['KUBECTL'] || (existsSync(builtKubectl) ? builtKubectl : 'kubectl');

/** Tests drive the real kubectl when the machine has one; without it they are skipped with this reason. */
export const kubectlMissingReason: string | undefined = (() => {
  const probe = spawnSync(kubectlPath, ['version', '--client'], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0
    ? undefined
    : `kubectl was not found (tried ${kubectlPath}); run \`npm run upstream:build\`, set KUBECTL or install kubectl, and the kubectl cases run`;
})();

export interface KubectlResult {
  rc: number | null;
  out: string;
  err: string;
}

export interface TestCluster {
  cluster: LocalCluster;
  kc: k8s.KubeConfig;
  /** A kubeconfig for one identity's context. */
  kubeConfigAs(role: 'admin' | 'editor' | 'viewer'): k8s.KubeConfig;
  /** Asynchronous on purpose: the server runs in this process, so a blocking child would deadlock it. */
  kubectl(args: string[], input?: string): Promise<KubectlResult>;
  /** Starts a long-running kubectl (e.g. `get -w`); the caller kills it. */
  kubectlSpawn(args: string[]): ReturnType<typeof spawn>;
  /** A raw HTTPS request that trusts the cluster's CA, as the administrator unless `init.token` says else. */
  http(path: string, init?: HttpInit): Promise<ClusterAnswer>;
  close(): Promise<void>;
}

export async function startTestCluster(options: Partial<LocalClusterOptions> = {}): Promise<TestCluster> {
  const cluster = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none', ...options });
  // kubectl caches discovery under HOME; a fresh one per cluster keeps runs independent.
  const home = mkdtempSync(join(tmpdir(), 'dialtone-kubectl-'));
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfigYaml);
  const env = { ...process.env, HOME: home, KUBECONFIG: cluster.kubeconfigPath };
  return {
    cluster,
    kc,
    kubeConfigAs(role) {
      const config = new k8s.KubeConfig();
      config.loadFromString(cluster.kubeconfigYaml);
      config.setCurrentContext(`dialtone-local-${role}`);
      return config;
    },
    kubectl(args, input) {
      return new Promise((resolve, reject) => {
        const child = spawn(kubectlPath, args, { env, timeout: 20_000 });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (rc) => resolve({ rc, out, err }));
        child.stdin.end(input ?? '');
      });
    },
    kubectlSpawn(args) {
      return spawn(kubectlPath, args, { env });
    },
    http(path, { token, ...init } = {}) {
      const as = token === undefined ? cluster.tokens.admin : token;
      return clusterRequest(
        { url: cluster.url, ca: cluster.ca, ...(as !== null ? { token: as } : {}) },
        path,
        init,
      );
    },
    async close() {
      await cluster.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The JSON body of a failed client-node call, which carries the API server's Status. */
export async function apiError(
  promise: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: number; body?: unknown };
    const body =
      typeof e.body === 'string'
        ? (JSON.parse(e.body) as Record<string, unknown>)
        : (e.body as Record<string, unknown>);
    return { code: e.code ?? 0, body };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const STT = { group: 'traefik.io', version: 'v1alpha1', plural: 'serverstransporttcps' } as const;

export function transport(
  name: string,
  spec: Record<string, unknown> = { dialTimeout: '30s' },
  metadata: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name, ...metadata },
    spec,
  };
}

export function transportYaml(name: string, spec: Record<string, unknown>, extraMetadata = ''): string {
  const lines = Object.entries(spec).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  return `apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: ${name}\n${extraMetadata}spec:\n${lines.join('\n')}\n`;
}

/** Polls until `condition` holds, so tests wait on what they expect instead of on fixed delays. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
