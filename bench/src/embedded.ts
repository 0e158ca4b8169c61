import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TestCA } from '../../server/src/probe/testing.js';
import { Client } from './client.js';
import { createToWatch, createTransport, fill, TRANSPORTS, type RunningCluster } from './clusters.js';
import { count, type Scale } from './scale.js';
import { interleaved, ms, percentile, timed } from './stats.js';
import { ratioRow, reportedRow, type BenchRow } from './table.js';

/** What one API server did in this run, for its own rows and for the peer rows beside it. */
export interface ClusterFigures {
  label: string;
  /** Median list of every transport right after a write, so no cache holds the answer. */
  listMissMs: number;
  /** Median list with nothing written in between. */
  listHitMs: number;
  listBytes: number;
  watchP50: number;
  watchP95: number;
  writeP50: number;
  residentBytes: number;
  startupMs: number;
}

/** Medians of the same steps against a bare server, timed in turn with the cluster's. */
export interface BareFigures {
  listMs: number;
  listHitMs: number;
  postP50: number;
}

/**
 * Fills the cluster, then times lists right after a write and repeated lists, and create-to-watch.
 * With `bare`, a bare server is started on the list's bytes and timed in turn with the cluster.
 */
export async function measureCluster(
  cluster: RunningCluster,
  scale: Scale,
  bare?: (listBytes: Buffer) => Promise<BareServer>,
): Promise<{ figures: ClusterFigures; bare?: BareFigures }> {
  const client = new Client(cluster.endpoint);
  const baseline = bare ? await bare(await filled(client, cluster, scale)) : undefined;
  if (!baseline) await filled(client, cluster, scale);
  try {
    const bytes = await client.get(TRANSPORTS);
    let writes = 0;
    const write = () => createTransport(client, `miss-${writes++}`);
    const list = () => client.get(TRANSPORTS);
    const contenders: Record<string, () => unknown> = { cluster: list };
    if (baseline) contenders['bare'] = () => baseline.client.get('/');
    const miss = await interleaved(scale.rounds, contenders, { cluster: write });
    const hit = await interleaved(scale.rounds, contenders);
    const watched = await createToWatch(client, scale.changes, 'latency');
    const figures: ClusterFigures = {
      label: cluster.label,
      listMissMs: miss.medians['cluster']!,
      listHitMs: hit.medians['cluster']!,
      listBytes: bytes.length,
      watchP50: percentile(watched.latencies, 50),
      watchP95: percentile(watched.latencies, 95),
      writeP50: percentile(watched.writes, 50),
      residentBytes: cluster.residentBytes(),
      startupMs: cluster.startupMs,
    };
    if (!baseline) return { figures };
    const posts: number[] = [];
    for (let i = 0; i < scale.changes; i++)
      posts.push(await timed(() => baseline.client.send('POST', '/', {})));
    return {
      figures,
      bare: {
        listMs: miss.medians['bare']!,
        listHitMs: hit.medians['bare']!,
        postP50: percentile(posts, 50),
      },
    };
  } finally {
    client.close();
    await baseline?.close();
  }
}

/** Fills the cluster and checks that a list holds every object; the list's bytes. */
async function filled(client: Client, cluster: RunningCluster, scale: Scale): Promise<Buffer> {
  await fill(client, scale.objects);
  const bytes = await client.get(TRANSPORTS);
  const listed = (JSON.parse(bytes.toString('utf8')) as { items: unknown[] }).items.length;
  if (listed !== scale.objects) throw new Error(`${cluster.label} listed ${listed} of ${scale.objects}`);
  return bytes;
}

interface BareServer {
  client: Client;
  close(): Promise<void>;
}

/** A bare Node HTTPS server: the list's bytes for a GET, `{}` for anything else. */
async function bareServer(body: Buffer): Promise<BareServer> {
  const ca = TestCA.create('bench bare CA');
  const pair = ca.issue({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'] });
  const server: Server = createServer({ key: pair.keyPem, cert: pair.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = req.method === 'GET' ? body : Buffer.from('{}');
      res.writeHead(req.method === 'GET' ? 200 : 201, {
        'content-type': 'application/json',
        'content-length': answer.length,
      });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new Client({
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: ca.certPem,
  });
  return {
    client,
    async close() {
      client.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The embedded cluster against a bare HTTPS handler serving the same bytes, the two timed in turn:
 * a list right after a write (the cache cannot answer; the ≤ 3× target applies here) and a repeated
 * list (the cache answers), create-to-watch against a bare POST, and memory.
 */
export async function embeddedClusterBench(
  cluster: RunningCluster,
  scale: Scale,
): Promise<{ rows: BenchRow[]; figures: ClusterFigures }> {
  const { figures, bare } = await measureCluster(cluster, scale, bareServer);
  const mib = (figures.listBytes / 2 ** 20).toFixed(1);
  const n = count(scale.objects);
  return {
    figures,
    rows: [
      ratioRow({
        name: `embedded cluster: list ${n} transports right after a write (cache miss)`,
        figure: `${ms(figures.listMissMs)} (${mib} MiB)`,
        against: `bare https handler, same bytes ${ms(bare!.listMs)}`,
        ratio: figures.listMissMs / bare!.listMs,
        max: 3,
        details: { listMissMs: figures.listMissMs, bareMs: bare!.listMs, bytes: figures.listBytes },
      }),
      reportedRow({
        name: `embedded cluster: list ${n} transports, repeated (cache hit)`,
        figure: ms(figures.listHitMs),
        against: `bare https handler, same bytes ${ms(bare!.listHitMs)}`,
        ratio: figures.listHitMs / bare!.listHitMs,
        details: { listHitMs: figures.listHitMs, bareMs: bare!.listHitMs },
      }),
      reportedRow({
        name: 'embedded cluster: create to watch event',
        figure: `p50 ${ms(figures.watchP50, 2)}, p95 ${ms(figures.watchP95, 2)}`,
        against: `bare https POST p50 ${ms(bare!.postP50, 2)}`,
        ratio: figures.watchP50 / bare!.postP50,
        details: { p50: figures.watchP50, p95: figures.watchP95, bareP50: bare!.postP50 },
      }),
      reportedRow({
        name: `embedded cluster: resident memory with ${n} transports`,
        figure: `${(figures.residentBytes / 2 ** 20).toFixed(0)} MiB`,
        against: 'see kube-apiserver and etcd below',
        details: { residentMiB: figures.residentBytes / 2 ** 20 },
      }),
      reportedRow({
        name: 'embedded cluster: start-up until a list answers',
        figure: ms(figures.startupMs, 0),
        against: 'see kube-apiserver below',
        details: { startupMs: figures.startupMs },
      }),
    ],
  };
}
