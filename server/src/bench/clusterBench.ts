import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  clusterRequest,
  endpointFromKubeconfig,
  openClusterRequest,
  type ClusterEndpoint,
} from '../localcluster/index.js';
import type { BenchRow } from './table.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const OBJECTS = 10_000;
const NAMESPACES = 20;
const RUNS = 9;
const CHANGES = 60;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timedAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return percentile(times, 50);
}

async function post(cluster: ClusterEndpoint, path: string, body: unknown): Promise<void> {
  const res = await clusterRequest(cluster, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`creating a bench object answered ${res.status}: ${res.text}`);
}

/** The baseline's client: Node's own, like the cluster's, so the ratio compares servers, not clients. */
function bareRequest(url: string, method = 'GET', body?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The embedded cluster with 10,000 transports: a list across namespaces against a bare `http`
 * handler serving the same bytes already serialized (target ratio <= 3), the time from a create to
 * its watch event, and the resident memory.
 */
export async function clusterBench(): Promise<BenchRow[]> {
  // Its own process, as `dialtone cluster` runs, so its resident memory is its own.
  const child = spawn(process.execPath, [CLI, 'cluster', '--port', '0', '--ephemeral', '--seed', 'none'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  for (let i = 0; i < 200 && !/Kubeconfig: \S+\n/.test(printed); i++)
    await new Promise((r) => setTimeout(r, 50));
  const kubeconfig = /Kubeconfig: (\S+)\n/.exec(printed)?.[1];
  if (!kubeconfig || child.pid === undefined) throw new Error(`dialtone cluster did not start: ${printed}`);
  // Its URL, CA and administrator token, as kubectl would read them.
  const cluster = endpointFromKubeconfig(readFileSync(kubeconfig, 'utf8'));
  const rssBefore = residentBytes(child.pid);
  try {
    for (let n = 0; n < NAMESPACES; n++) {
      await post(cluster, '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `team-${n}` },
      });
    }
    for (let i = 0; i < OBJECTS; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, OBJECTS - i) }, (_, j) => {
          const k = i + j;
          const ns = `team-${k % NAMESPACES}`;
          return post(cluster, `/apis/traefik.io/v1alpha1/namespaces/${ns}/serverstransporttcps`, {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'ServersTransportTCP',
            metadata: { name: `t-${k}`, namespace: ns },
            spec: { dialTimeout: `${k % 60}s`, tls: { serverName: `svc-${k}.internal` } },
          });
        }),
      );
    }
    const listPath = '/apis/traefik.io/v1alpha1/serverstransporttcps';
    const bytes = Buffer.from((await clusterRequest(cluster, listPath)).text);
    const bare: Server = createServer((req, res) => {
      // A write's baseline: an empty JSON answer, as small as the cluster's own 201 body or smaller.
      if (req.method === 'POST') {
        req.resume();
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      res.end(bytes);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const clusterMs = await timedAsync(RUNS, () => clusterRequest(cluster, listPath));
    const bareMs = await timedAsync(RUNS, () => bareRequest(bareUrl));
    const roundTrips: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const started = performance.now();
      await bareRequest(bareUrl, 'POST', '{}');
      roundTrips.push(performance.now() - started);
    }
    await new Promise<void>((resolve) => bare.close(() => resolve()));

    // Create-to-event latency on one open watch.
    const watch = await openClusterRequest(
      cluster,
      `${listPath}?watch=true&resourceVersion=${JSON.parse(bytes.toString()).metadata.resourceVersion}`,
    );
    const seen = new Map<string, number>();
    let buffered = '';
    const pump = (async () => {
      for await (const chunk of watch) {
        buffered += (chunk as Buffer).toString('utf8');
        let newline;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          const event = JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
          if (event.type === 'ADDED') seen.set(event.object.metadata.name, performance.now());
        }
      }
    })();
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const name = `latency-${i}`;
      const started = performance.now();
      await post(cluster, '/apis/traefik.io/v1alpha1/namespaces/team-0/serverstransporttcps', {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'ServersTransportTCP',
        metadata: { name, namespace: 'team-0' },
        spec: {},
      });
      while (!seen.has(name)) await new Promise((r) => setTimeout(r, 0.2));
      latencies.push(seen.get(name)! - started);
    }
    watch.destroy();
    await pump.catch(() => undefined);
    const rssAfter = residentBytes(child.pid);
    const ratio = clusterMs / bareMs;
    const p50 = percentile(latencies, 50);
    const bareP50 = percentile(roundTrips, 50);
    return [
      {
        name: `embedded cluster: list ${OBJECTS.toLocaleString('en-US')} transports across namespaces`,
        figure: `${clusterMs.toFixed(1)} ms (${(bytes.length / 2 ** 20).toFixed(1)} MiB)`,
        baseline: `bare http (no TLS), same bytes ${bareMs.toFixed(1)} ms`,
        ratio,
        target: '<= 3',
        met: ratio <= 3,
        details: { clusterMs, bareMs, bytes: bytes.length },
      },
      {
        name: 'embedded cluster: create to watch event',
        figure: `p50 ${p50.toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms`,
        baseline: `bare http POST p50 ${bareP50.toFixed(2)} ms`,
        ratio: p50 / bareP50,
        target: 'reported',
        met: true,
        details: { p50, p95: percentile(latencies, 95), bareP50 },
      },
      {
        name: `embedded cluster: resident memory with ${OBJECTS.toLocaleString('en-US')} transports`,
        figure: `${(rssAfter / 2 ** 20).toFixed(0)} MiB`,
        baseline: `the same process empty ${(rssBefore / 2 ** 20).toFixed(0)} MiB`,
        ratio: rssAfter / rssBefore,
        target: 'reported',
        met: true,
        details: { rssBeforeMiB: rssBefore / 2 ** 20, rssAfterMiB: rssAfter / 2 ** 20 },
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

/** VmRSS of a process, from /proc (Linux). */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kib ?? 0) * 1024;
}
