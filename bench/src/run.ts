import { mkdirSync, writeFileSync } from 'node:fs';
import { transportsApiBench } from './api.js';
import { browserBench } from './browser.js';
import { bundleBench } from './bundle.js';
import { startEmbeddedCluster } from './clusters.js';
import { embeddedClusterBench, type ClusterFigures } from './embedded.js';
import { describeMachine, loadAverage } from './machine.js';
import { peersBench } from './peers.js';
import { probeBench } from './probe.js';
import { FULL, QUICK, type Scale } from './scale.js';
import { formatTable, notRunRow, summary, type BenchRow } from './table.js';
import { Unavailable } from './unavailable.js';
import { keystrokeBench, validationBench } from './validation.js';

/** A group of rows measured together; when it cannot run, its rows are listed as not run. */
interface Suite {
  /** What the rows cover, named in the not-run row. */
  title: string;
  run(scale: Scale): Promise<BenchRow[]> | BenchRow[];
}

function suites(): Suite[] {
  let embedded: ClusterFigures | undefined;
  return [
    { title: 'validation', run: (s) => [validationBench(s), keystrokeBench(s)] },
    { title: 'initial JavaScript and CSS', run: () => [bundleBench()] },
    {
      title: 'embedded cluster and GET /transports (lists, create to event, memory, start-up)',
      async run(scale) {
        const cluster = await startEmbeddedCluster();
        try {
          const measured = await embeddedClusterBench(cluster, scale);
          embedded = measured.figures;
          return [...measured.rows, ...(await transportsApiBench(cluster, scale))];
        } finally {
          await cluster.close();
        }
      },
    },
    { title: 'probe (one target, sweep, event loop, openssl s_client)', run: probeBench },
    {
      title: 'peers: kube-apiserver, kubectl and client-node against Dialtone',
      run: (scale) => peersBench(scale, embedded),
    },
    { title: 'dashboard list in Chromium (time to listed, scrolling)', run: browserBench },
  ];
}

/**
 * `npm run bench`: every benchmark, one table, and bench/results.json with the machine it ran on.
 * `--quick`: a small version of each, to prove in `npm test` that none is broken; its figures are too
 * small to judge targets, so it fails only when a benchmark breaks, and writes .reports/bench-quick.json.
 */
async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const scale = quick ? QUICK : FULL;
  // `--only WORD[,WORD]`: the suites whose title holds one of the words, for working on one benchmark.
  const only = process.argv.includes('--only')
    ? (process.argv[process.argv.indexOf('--only') + 1] ?? '').split(',')
    : undefined;
  const chosen = suites().filter((s) => !only || only.some((word) => s.title.includes(word)));
  const loadBefore = loadAverage();
  const rows: BenchRow[] = [];
  const broken: string[] = [];
  for (const suite of chosen) {
    process.stderr.write(`bench: ${suite.title}\n`);
    try {
      rows.push(...(await suite.run(scale)));
    } catch (error) {
      const reason =
        error instanceof Unavailable ? error.message : `failed: ${(error as Error).stack ?? error}`;
      if (!(error instanceof Unavailable)) broken.push(suite.title);
      rows.push(notRunRow(suite.title, reason.split('\n')[0]!));
      if (!(error instanceof Unavailable)) process.stderr.write(`bench: ${suite.title} ${reason}\n`);
    }
  }
  const machine = { ...describeMachine(), loadAverageBefore: loadBefore, loadAverageAfter: loadAverage() };
  process.stdout.write(formatTable(rows) + '\n');
  process.stdout.write(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.go}; ` +
      `load average ${machine.loadAverageBefore} before, ${machine.loadAverageAfter} after\n`,
  );
  // Only a full run of every suite may stand for the committed results.
  const partial = quick || process.argv.includes('--only');
  const out = partial ? new URL('../../.reports/', import.meta.url) : new URL('../', import.meta.url);
  mkdirSync(out, { recursive: true });
  const file = new URL(partial ? 'bench-partial.json' : 'results.json', out);
  writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), quick, machine, rows }, null, 2) + '\n',
  );
  process.stdout.write(`${summary(rows)}\n`);
  if (quick) {
    if (broken.length > 0) process.stdout.write(`broken: ${broken.join('; ')}\n`);
    return broken.length > 0 ? 1 : 0;
  }
  const failing = rows.filter((r) => r.verdict === 'missed' || r.verdict === 'not run').length;
  return failing > 0 ? 1 : 0;
}

process.exitCode = await main();
