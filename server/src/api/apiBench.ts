import type { Server } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { apiPaths, type TransportEvent } from '@dialtone/shared';
import type { BenchRow } from '../bench/table.js';
import { ClusterConnection, KubeClient, TRANSPORT_KIND } from '../clusters/index.js';
import { createApp, listen, serverUrl, stopServer } from '../http/index.js';
import { clusterRequest, startLocalCluster, type ClusterEndpoint } from '../localcluster/index.js';
import { createSecurity, loadSecurityKeys } from '../security/index.js';
import { createApi } from './index.js';

const OBJECTS = 10_000;
const RUNS = 9;
const CHANGES = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A direct list as kubectl makes it: pages of 500, every page read and parsed. */
async function directList(cluster: ClusterEndpoint): Promise<number> {
  let next: string | undefined = '';
  let count = 0;
  while (next !== undefined) {
    const query: string = next ? `&continue=${encodeURIComponent(next)}` : '';
    const response = await clusterRequest(
      cluster,
      `/apis/traefik.io/v1alpha1/serverstransporttcps?limit=500${query}`,
    );
    const body = response.json as { items: unknown[]; metadata: { continue?: string } };
    count += body.items.length;
    next = body.metadata.continue || undefined;
  }
  return count;
}

/**
 * The list endpoint against a direct list from the API server, with 10,000 transports, and the time
 * from a change made through the Kubernetes API to its event on the stream.
 */
export async function transportsApiBench(): Promise<BenchRow[]> {
  const local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
  const endpoint: ClusterEndpoint = { url: local.url, ca: local.ca, token: local.tokens.admin };
  const config = new KubeConfig();
  config.loadFromString(local.kubeconfigYaml);
  const kube = new KubeClient(config);
  for (let i = 0; i < OBJECTS; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, OBJECTS - i) }, (_, j) =>
        kube.create(TRANSPORT_KIND, 'default', {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'ServersTransportTCP',
          metadata: { name: `bench-${i + j}` },
          spec: { dialTimeout: `${(i + j) % 60}s`, tls: { serverName: `svc-${i + j}.internal` } },
        }),
      ),
    );
  }
  const connection = new ClusterConnection({ name: 'bench', source: 'kubeconfig', config });
  // The production security router in local mode: what is measured is what runs.
  const security = createSecurity({ mode: 'local', keys: loadSecurityKeys({}), secureCookies: false });
  const api = createApi({
    directory: { clusters: [connection], defaultCluster: 'bench', description: 'bench' },
    security: security.router,
  });
  const server: Server = await listen(createApp({ version: 'bench', api: api.router }), '127.0.0.1', 0);
  const url = serverUrl(server);
  try {
    const listUrl = `${url}${apiPaths.transports('bench')}`;
    const ours = async () => ((await (await fetch(listUrl)).json()) as { items: unknown[] }).items.length;
    if ((await ours()) !== OBJECTS || (await directList(endpoint)) !== OBJECTS) {
      throw new Error('the bench lists do not hold every object');
    }
    const served: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      served.push(await timed(ours));
      direct.push(await timed(() => directList(endpoint)));
    }
    const servedMs = median(served);
    const directMs = median(direct);

    const { latencies, writes } = await eventLatencies(url, kube);
    const writeP95 = percentile(writes, 95);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    return [
      {
        name: `GET /transports, ${OBJECTS} objects (median)`,
        figure: `${servedMs.toFixed(1)} ms`,
        baseline: `direct list from the API server ${directMs.toFixed(1)} ms`,
        ratio: servedMs / directMs,
        target: '<= 0.5',
        met: servedMs / directMs <= 0.5,
      },
      {
        name: 'change through the API to its SSE event (p95)',
        figure: `p95 ${p95.toFixed(1)} ms, p50 ${p50.toFixed(1)} ms`,
        baseline: `the write's own round trip p95 ${writeP95.toFixed(1)} ms`,
        ratio: p95 / writeP95,
        target: 'reported',
        met: true,
        details: {
          p50Ms: Number(p50.toFixed(1)),
          p95Ms: Number(p95.toFixed(1)),
          writeP95Ms: writeP95,
          changes: CHANGES,
        },
      },
    ];
  } finally {
    api.close();
    await connection.close();
    await stopServer(server, 100);
    await local.close();
  }
}

async function eventLatencies(
  url: string,
  kube: KubeClient,
): Promise<{ latencies: number[]; writes: number[] }> {
  const controller = new AbortController();
  const response = await fetch(`${url}${apiPaths.transportEvents('bench')}`, { signal: controller.signal });
  if (!response.body) throw new Error('the event stream has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  // An event can arrive before the write's own answer, so arrivals are recorded and looked up after.
  const arrived = new Map<string, bigint>();
  let wake: (() => void) | undefined;
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = JSON.parse(data) as TransportEvent;
          if (event.type !== 'MODIFIED') continue;
          arrived.set(`${event.summary.name}@${event.summary.resourceVersion}`, process.hrtime.bigint());
          wake?.();
        }
      }
    } catch {
      // The stream is aborted at the end.
    }
  })();
  const latencies: number[] = [];
  const writes: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = `bench-${i * 97}`;
    const live = await kube.get(TRANSPORT_KIND, 'default', name);
    const start = process.hrtime.bigint();
    const result = await kube.replace(TRANSPORT_KIND, 'default', name, {
      ...live,
      spec: { dialTimeout: `${i}m` },
    });
    writes.push(Number(process.hrtime.bigint() - start) / 1e6);
    const key = `${name}@${result.object.metadata.resourceVersion ?? ''}`;
    while (!arrived.has(key)) await new Promise<void>((resolve) => (wake = resolve));
    latencies.push(Number(arrived.get(key)! - start) / 1e6);
  }
  controller.abort();
  await pump;
  return { latencies, writes };
}
