import { CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { UPSTREAM_VERSIONS, upstreamBinary } from '../../e2e/upstream/support/binaries.js';
import { startKubeApiserver } from '../../e2e/upstream/support/kubeApiserver.js';
import { directList } from './api.js';
import { Arrivals } from './arrivals.js';
import { Client } from './client.js';
import {
  childPids,
  createTransport,
  residentBytes,
  TRANSPORTS,
  untilListed,
  type RunningCluster,
} from './clusters.js';
import { sseLatencies, startDialtone, type RunningDialtone } from './dialtone.js';
import { measureCluster, type ClusterFigures } from './embedded.js';
import { count, type Scale } from './scale.js';
import { interleaved, ms, percentile } from './stats.js';
import { notRunRow, reportedRow, versus, type BenchRow } from './table.js';
import { Unavailable } from './unavailable.js';

const KIND = { group: 'traefik.io', version: 'v1alpha1', plural: 'serverstransporttcps' };
const KUBE = `kube-apiserver ${UPSTREAM_VERSIONS.kubernetes}`;

interface Judge extends RunningCluster {
  /** The kubectl built with kube-apiserver, as the administrator. */
  runKubectl(args: string[]): Promise<{ rc: number | null; out: string; err: string }>;
}

/** etcd and kube-apiserver from `npm run upstream:build`, with Traefik's CRDs, timed until a list answers. */
async function startJudge(): Promise<Judge> {
  try {
    for (const program of ['etcd', 'kube-apiserver', 'kubectl'] as const) upstreamBinary(program);
  } catch (error) {
    throw new Unavailable((error as Error).message);
  }
  const started = performance.now();
  const judge = await startKubeApiserver().catch((error: Error) => {
    throw /upstream:build/.test(error.message) ? new Unavailable(error.message) : error;
  });
  const endpoint = { url: judge.url, ca: judge.caPem, token: judge.tokens.admin };
  await untilListed(endpoint);
  return {
    label: KUBE,
    endpoint,
    kubeconfigPath: judge.kubeconfigPath,
    kubeconfigYaml: judge.kubeconfigYaml,
    startupMs: performance.now() - started,
    residentBytes: () =>
      childPids(['kube-apiserver', 'etcd']).reduce((sum, pid) => sum + residentBytes(pid), 0),
    runKubectl: (args) => judge.runKubectl(args),
    close: () => judge.close(),
  };
}

/** A client-node watch of every namespace: create-to-event as a controller written with client-node sees it. */
async function clientNodeWatch(config: KubeConfig, cluster: Client, changes: number): Promise<number[]> {
  const { metadata } = await cluster.json<{ metadata: { resourceVersion: string } }>(`${TRANSPORTS}?limit=1`);
  const arrivals = new Arrivals();
  const controller = await new Watch(config).watch(
    TRANSPORTS,
    { resourceVersion: metadata.resourceVersion },
    (type: string, object: { metadata?: { name?: string } }) => {
      if (type === 'ADDED' && object.metadata?.name) arrivals.record(object.metadata.name);
      else arrivals.poke();
    },
    () => arrivals.poke(),
  );
  try {
    const { latencies } = await arrivals.timeCreates(changes, 'client-node', (name) =>
      createTransport(cluster, name),
    );
    return latencies;
  } finally {
    controller.abort();
  }
}

function clusterRows(ours: ClusterFigures, kube: ClusterFigures, n: string): BenchRow[] {
  const row = (name: string, a: number, b: number, unit: (v: number) => string, details = {}) =>
    reportedRow({
      name,
      figure: `embedded ${unit(a)}`,
      against: `${KUBE} ${unit(b)} (${versus(a / b, 'kube-apiserver')})`,
      ratio: a / b,
      details: { embedded: a, kubeApiserver: b, ...details },
    });
  const mib = (v: number) => `${(v / 2 ** 20).toFixed(0)} MiB`;
  return [
    row(`peer: list ${n} transports right after a write`, ours.listMissMs, kube.listMissMs, (v) => ms(v)),
    row(`peer: list ${n} transports, repeated`, ours.listHitMs, kube.listHitMs, (v) => ms(v)),
    row('peer: create to watch event (p50)', ours.watchP50, kube.watchP50, (v) => ms(v, 2), {
      embeddedP95: ours.watchP95,
      kubeApiserverP95: kube.watchP95,
    }),
    {
      ...row(`peer: resident memory with ${n} transports`, ours.residentBytes, kube.residentBytes, mib),
      against: `${KUBE} and etcd ${mib(kube.residentBytes)}`,
    },
    row('peer: start-up until a list of transports answers', ours.startupMs, kube.startupMs, (v) => ms(v, 0)),
  ];
}

async function apiRows(judge: Judge, dialtone: RunningDialtone, scale: Scale): Promise<BenchRow[]> {
  const cluster = new Client(judge.endpoint);
  const config = new KubeConfig();
  config.loadFromString(judge.kubeconfigYaml);
  const custom = config.makeApiClient(CustomObjectsApi);
  try {
    const expected = await directList(cluster)();
    for (let i = 0; i < 200 && (await dialtone.list()) !== expected; i++)
      await new Promise((r) => setTimeout(r, 50));
    const kubectl = async () => {
      const { rc, out, err } = await judge.runKubectl(['get', 'serverstransporttcps', '-A', '-o', 'json']);
      if (rc !== 0) throw new Error(`kubectl get failed: ${err}`);
      return (JSON.parse(out) as { items: unknown[] }).items.length;
    };
    const clientNode = async () =>
      ((await custom.listClusterCustomObject(KIND)) as { items: unknown[] }).items.length;
    for (const [name, list] of Object.entries({ dialtone: dialtone.list, kubectl, clientNode })) {
      const listed = await list();
      if (listed !== expected) throw new Error(`${name} listed ${listed} of ${expected} transports`);
    }
    const { medians } = await interleaved(scale.rounds, { dialtone: dialtone.list, kubectl, clientNode });
    const sse = await sseLatencies(dialtone, cluster, scale.changes, 'peer-sse');
    const watched = await clientNodeWatch(config, cluster, scale.changes);
    const n = count(expected);
    const versusRow = (name: string, peer: string, theirs: number) =>
      reportedRow({
        name,
        figure: `Dialtone ${ms(medians.dialtone)}`,
        against: `${peer} ${ms(theirs)} (${versus(medians.dialtone / theirs, peer)})`,
        ratio: medians.dialtone / theirs,
        details: { dialtoneMs: medians.dialtone, peerMs: theirs },
      });
    const sseP50 = percentile(sse.latencies, 50);
    const watchP50 = percentile(watched, 50);
    return [
      versusRow(
        `peer: GET /transports (${n}) vs kubectl get serverstransporttcps -A -o json, from ${KUBE}`,
        'kubectl',
        medians.kubectl,
      ),
      versusRow(
        `peer: GET /transports (${n}) vs a client-node list, from ${KUBE}`,
        'client-node',
        medians.clientNode,
      ),
      reportedRow({
        name: `peer: create to event, Dialtone's SSE vs a client-node watch on ${KUBE} (p50)`,
        figure: `Dialtone ${ms(sseP50)} (p95 ${ms(percentile(sse.latencies, 95))})`,
        against: `client-node watch ${ms(watchP50)} (${versus(sseP50 / watchP50, 'client-node')})`,
        ratio: sseP50 / watchP50,
        details: { sseP50, watchP50, watchP95: percentile(watched, 95) },
      }),
    ];
  } finally {
    cluster.close();
  }
}

/**
 * Dialtone and the embedded cluster against what a user would run instead, on this machine in this
 * run: kube-apiserver (with etcd) for the cluster, kubectl and client-node for reading transports,
 * a client-node watch for events. Needs the judges from `npm run upstream:build`.
 */
export async function peersBench(scale: Scale, embedded: ClusterFigures | undefined): Promise<BenchRow[]> {
  const judge = await startJudge();
  try {
    const { figures } = await measureCluster(judge, scale);
    const rows = embedded
      ? clusterRows(embedded, figures, count(scale.objects))
      : [notRunRow('peer: embedded cluster against kube-apiserver', 'the embedded cluster was not measured')];
    const dialtone = await startDialtone(judge.kubeconfigPath);
    try {
      rows.push(...(await apiRows(judge, dialtone, scale)));
    } finally {
      await dialtone.close();
    }
    return rows;
  } finally {
    await judge.close();
  }
}
