import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../../../server/src/localcluster/index.js';
import {
  clusterAccess,
  demoTraefikArgs,
  entryPointNames,
  kubeconfigFromOutput,
  parseDemoArgs,
  traefikApiFlag,
} from '../demo/plan.js';
import { freePort } from '../support/ports.js';
import type { TcpRouterInfo } from '../traefik/traefikProcess.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const route = (entryPoints: unknown) => ({ kind: 'IngressRouteTCP', spec: { entryPoints, routes: [] } });

describe('npm run demo:traefik: what it asks of Traefik and of dialtone', () => {
  it('starts the dashboard too unless given a running demo, whose API port defaults to 9000', () => {
    expect(parseDemoArgs([])).toEqual({ port: 7300 });
    expect(parseDemoArgs(['--kubeconfig', '/tmp/k.yaml'])).toEqual({
      kubeconfig: '/tmp/k.yaml',
      apiPort: 9000,
      port: 7300,
    });
    expect(parseDemoArgs(['--api-port', '9100', '--port', '7400'])).toEqual({ apiPort: 9100, port: 7400 });
    expect(() => parseDemoArgs(['--api-port', 'x'])).toThrow('--api-port must be a port number, not "x"');
    expect(() => parseDemoArgs(['--bogus'])).toThrow();
  });

  it("opens each entry point the routes name once, never Traefik's own nor a name that is not one", () => {
    expect(
      entryPointNames([
        route(['tcp', 'websecure']),
        route(['tcp']),
        route(undefined),
        route(['traefik', 'a=b', '--api.insecure', 7]),
        null,
      ]),
    ).toEqual(['tcp', 'websecure']);
  });

  it("points Traefik's provider at the cluster of the demo's kubeconfig, everything on loopback", async () => {
    const local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none', demoBackends: false });
    try {
      const access = clusterAccess(local.kubeconfigYaml);
      expect(access).toEqual({ server: local.url, token: local.tokens.admin, caPem: local.ca });
      const args = demoTraefikArgs(access, '/tmp/ca.crt', 9000, new Map([['tcp', 9100]]));
      expect(args).toEqual(
        expect.arrayContaining([
          '--api.insecure=true',
          '--entryPoints.traefik.address=127.0.0.1:9000',
          '--entryPoints.tcp.address=127.0.0.1:9100',
          '--providers.kubernetescrd=true',
          `--providers.kubernetescrd.endpoint=${local.url}`,
          `--providers.kubernetescrd.token=${local.tokens.admin}`,
          '--providers.kubernetescrd.certAuthFilePath=/tmp/ca.crt',
          '--log.level=INFO',
        ]),
      );
      // Traefik's defaults for the provider, as the dashboard assumes them.
      expect(args.join(' ')).not.toMatch(/allowCrossNamespace|namespaces=/);
    } finally {
      await local.close();
    }
  });

  it("finds the kubeconfig in dialtone's startup lines and gives it the API flag", () => {
    expect(
      kubeconfigFromOutput(
        'Dialtone is serving on http://127.0.0.1:7300 (--auth local)\nkubectl can reach it too: kubectl --kubeconfig /tmp/dialtone-cluster-x/kubeconfig.yaml get serverstransporttcps -A\n',
      ),
    ).toBe('/tmp/dialtone-cluster-x/kubeconfig.yaml');
    expect(traefikApiFlag(9000)).toEqual(['--traefik-api', 'http://127.0.0.1:9000']);
  });
});

function runScript(args: string[]) {
  // Node itself with tsx's loader, so the signal reaches the script and not a wrapper in between.
  const script = join(root, 'e2e/upstream/demo/demoTraefik.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

function join(...parts: string[]): string {
  return parts.join('/').replace(/\/+/g, '/');
}

describe('npm run demo:traefik beside a running demo cluster', () => {
  let local: LocalCluster;

  beforeAll(async () => {
    local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'demo' });
  });

  afterAll(async () => {
    await local?.close();
  });

  it('says what is missing when the kubeconfig is not there', async () => {
    const run = runScript(['--kubeconfig', '/nonexistent/kubeconfig.yaml']);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('no kubeconfig at /nonexistent/kubeconfig.yaml: start dialtone --demo');
  });

  it("starts Traefik v3.7.9 on the demo's routes and stops it on Ctrl-C", async () => {
    const apiPort = await freePort();
    const run = runScript(['--kubeconfig', local.kubeconfigPath, '--api-port', String(apiPort)]);
    try {
      const deadline = Date.now() + 90_000;
      while (!run.output().includes('Ctrl-C stops Traefik')) {
        if (run.child.exitCode !== null || Date.now() > deadline) throw new Error(run.output());
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(run.output()).toMatch(/entry point tcp: 127\.0\.0\.1:\d+/);
      expect(run.output()).toContain(`Start the dashboard with --traefik-api http://127.0.0.1:${apiPort}`);
      let routers: TcpRouterInfo[] = [];
      while (routers.length === 0 && Date.now() < deadline) {
        routers = (await (
          await fetch(`http://127.0.0.1:${apiPort}/api/tcp/routers`)
        ).json()) as TcpRouterInfo[];
        if (routers.length === 0) await new Promise((r) => setTimeout(r, 500));
      }
      expect(routers.some((r) => r.name.endsWith('@kubernetescrd'))).toBe(true);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${apiPort}/api/version`)).rejects.toThrow();
  });
});
