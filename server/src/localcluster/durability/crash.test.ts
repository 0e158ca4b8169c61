import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterEndpoint } from '../testing/harness.js';
import { clusterRequest, endpointFromKubeconfig } from '../testing/harness.js';

const serverRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entry = join(serverRoot, 'dist', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (name.name.endsWith('.ts') && !name.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The crash test needs a real child process, which runs the compiled CLI; rebuild it when sources are newer. */
function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(entry).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built >= newestSource(join(serverRoot, 'src'))) return;
  spawnSync('npx', ['tsc', '-b', join(serverRoot, '..', 'shared'), serverRoot], {
    stdio: 'ignore',
    timeout: 120_000,
  });
}

interface Child {
  process: ChildProcess;
  /** The URL it printed, with the CA and admin token of the kubeconfig it wrote. */
  endpoint: ClusterEndpoint;
  output: () => string;
}

function startChild(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, [entry, 'cluster', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cluster did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (https:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const kubeconfig = readFileSync(join(dataDir, 'kubeconfig.yaml'), 'utf8');
        const endpoint = { ...endpointFromKubeconfig(kubeconfig), url: match[1] };
        resolve({ process: child, endpoint, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the cluster exited with ${code}:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

const PATH = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';
let dataDir: string;

beforeAll(() => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'dialtone-durable-'));
}, 150_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('--data-dir durability', () => {
  it('keeps every acknowledged write across kill -9 in the middle of a stream of writes', async () => {
    const first = await startChild(dataDir);
    const tokenBefore = readFileSync(join(dataDir, 'kubeconfig.yaml'), 'utf8').match(
      /token: (admin\.\S+)/,
    )?.[1];
    const acknowledged = new Set<string>();
    let counterAcked = 0;
    await clusterRequest(first.endpoint, PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'ServersTransportTCP',
        metadata: { name: 'counter' },
        spec: {},
      }),
    });
    let stop = false;
    const writer = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const name = `w${lane}-${i}`;
        try {
          const res = await clusterRequest(first.endpoint, PATH, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              apiVersion: 'traefik.io/v1alpha1',
              kind: 'ServersTransportTCP',
              metadata: { name },
              spec: { dialTimeout: `${i}s` },
            }),
          });
          if (res.status === 201) acknowledged.add(name);
          const patched = await clusterRequest(first.endpoint, `${PATH}/counter`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/merge-patch+json' },
            body: JSON.stringify({ metadata: { labels: { [`lane${lane}`]: String(i) } } }),
          });
          if (patched.status === 200 && lane === 0) counterAcked = i;
        } catch {
          return;
        }
      }
    };
    const lanes = [0, 1, 2, 3].map((lane) => writer(lane));
    await new Promise((r) => setTimeout(r, 600));
    first.process.kill('SIGKILL');
    stop = true;
    await Promise.all(lanes);
    await exited(first.process);
    expect(acknowledged.size).toBeGreaterThan(20);

    const second = await startChild(dataDir);
    try {
      const list = (await clusterRequest(second.endpoint, PATH)).json as {
        items: { metadata: { name: string; labels?: Record<string, string> } }[];
      };
      const stored = new Set(list.items.map((i) => i.metadata.name));
      const lost = [...acknowledged].filter((name) => !stored.has(name));
      expect(lost).toEqual([]);
      const counter = list.items.find((i) => i.metadata.name === 'counter');
      expect(Number(counter?.metadata.labels?.['lane0'] ?? -1)).toBeGreaterThanOrEqual(counterAcked);
      // The identities' tokens survive too, so kubeconfigs handed out before the crash still work.
      const tokenAfter = readFileSync(join(dataDir, 'kubeconfig.yaml'), 'utf8').match(
        /token: (admin\.\S+)/,
      )?.[1];
      expect(tokenAfter).toBe(tokenBefore);
      // A write after the restart continues the resourceVersion sequence instead of reusing old numbers.
      const rvBefore = Number(
        (list as unknown as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
      );
      const created = (
        await clusterRequest(second.endpoint, PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'ServersTransportTCP',
            metadata: { name: 'after' },
            spec: {},
          }),
        })
      ).json as { metadata: { resourceVersion: string } };
      expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(rvBefore);
    } finally {
      second.process.kill('SIGTERM');
      expect(await exited(second.process)).toBe(0);
      expect(second.output()).toContain('stopped');
    }
  }, 60_000);
});
