import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { endpointFromKubeconfig } from '../../server/src/localcluster/index.js';
import { Client, type Endpoint } from './client.js';
import { Arrivals } from './arrivals.js';

export const TRANSPORTS = '/apis/traefik.io/v1alpha1/serverstransporttcps';
const NAMESPACES = 50;

/** A Kubernetes API server the benchmarks fill and read: the embedded cluster or kube-apiserver. */
export interface RunningCluster {
  label: string;
  endpoint: Endpoint;
  kubeconfigPath: string;
  kubeconfigYaml: string;
  /** From starting the program(s) until a list of ServersTransportTCPs answers. */
  startupMs: number;
  /** Resident memory of every process the cluster needs (kube-apiserver counts etcd). */
  residentBytes(): number;
  close(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../../server/dist/cli/main.js', import.meta.url));

/** `dialtone cluster` as a user starts it: its own process, HTTPS, the administrator's kubeconfig. */
export async function startEmbeddedCluster(): Promise<RunningCluster> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'cluster', '--port', '0', '--ephemeral', '--seed', 'none'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    let kubeconfigPath: string | undefined;
    for (let i = 0; i < 600 && !kubeconfigPath; i++) {
      if (child.exitCode !== null) break;
      kubeconfigPath = /Kubeconfig: (\S+)/.exec(printed)?.[1];
      if (!kubeconfigPath) await new Promise((r) => setTimeout(r, 50));
    }
    if (!kubeconfigPath || child.pid === undefined) {
      throw new Error(`dialtone cluster did not start (is server/dist built?): ${printed}`);
    }
    const kubeconfigYaml = readFileSync(kubeconfigPath, 'utf8');
    const endpoint = endpointFromKubeconfig(kubeconfigYaml);
    const pid = child.pid;
    await untilListed(endpoint);
    return {
      label: 'embedded cluster',
      endpoint,
      kubeconfigPath,
      kubeconfigYaml,
      startupMs: performance.now() - started,
      residentBytes: () => residentBytes(pid),
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls until a list of ServersTransportTCPs answers 200: the API can be used. */
export async function untilListed(endpoint: Endpoint): Promise<void> {
  const client = new Client(endpoint);
  try {
    for (let i = 0; ; i++) {
      try {
        await client.get(`${TRANSPORTS}?limit=1`);
        return;
      } catch (error) {
        if (i > 1200) throw error;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  } finally {
    client.close();
  }
}

function transport(name: string, namespace: string, k: number) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name, namespace },
    spec: { dialTimeout: `${k % 60}s`, tls: { serverName: `svc-${k}.internal` } },
  };
}

export function createTransport(client: Client, name: string, namespace = 'team-0', k = 0) {
  const path = `/apis/traefik.io/v1alpha1/namespaces/${namespace}/serverstransporttcps`;
  return client.send('POST', path, transport(name, namespace, k));
}

/** 50 namespaces and `objects` transports spread over them, 100 writes at a time. */
export async function fill(client: Client, objects: number): Promise<void> {
  for (let n = 0; n < NAMESPACES; n++) {
    await client.send('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `team-${n}` },
    });
  }
  for (let i = 0; i < objects; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, objects - i) }, (_, j) =>
        createTransport(client, `t-${i + j}`, `team-${(i + j) % NAMESPACES}`, i + j),
      ),
    );
  }
}

/**
 * Create-to-event latency on one open watch of every namespace: from just before each create is sent
 * until its ADDED event arrives; with each create's own round trip.
 */
export async function createToWatch(
  client: Client,
  changes: number,
  prefix: string,
): Promise<{ latencies: number[]; writes: number[] }> {
  const list = await client.json<{ metadata: { resourceVersion: string } }>(`${TRANSPORTS}?limit=1`);
  const watch = await new Client(client.endpoint).open(
    'GET',
    `${TRANSPORTS}?watch=true&resourceVersion=${list.metadata.resourceVersion}`,
  );
  const arrivals = new Arrivals();
  let buffered = '';
  const pump = (async () => {
    for await (const chunk of watch) {
      buffered += (chunk as Buffer).toString('utf8');
      let newline;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const event = JSON.parse(buffered.slice(0, newline)) as {
          type: string;
          object: { metadata: { name: string } };
        };
        buffered = buffered.slice(newline + 1);
        if (event.type === 'ADDED') arrivals.record(event.object.metadata.name);
        else arrivals.poke();
      }
    }
  })();
  try {
    return await arrivals.timeCreates(changes, prefix, (name) => createTransport(client, name));
  } finally {
    watch.destroy();
    await pump.catch(() => undefined);
  }
}

/** VmRSS of a process, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** This process's children whose command name is one of `names` (the judges started for a peer). */
export function childPids(names: readonly string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ..."; comm may hold spaces, so read around the last parenthesis.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && names.includes(comm)) pids.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids;
}
