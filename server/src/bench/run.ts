import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { browserBench } from './browserBench.js';
import { bundleBench } from './bundleBench.js';
import { clusterBench } from './clusterBench.js';
import { formatTable, type BenchRow } from './table.js';
import { keystrokeBench, validationBench } from './validationBench.js';
import { transportsApiBench } from '../api/apiBench.js';
import { probeBench } from '../probe/index.js';

/** `npm run bench`: every benchmark, one table, and bench/results.json. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(validationBench());
  rows.push(keystrokeBench());
  rows.push(...bundleBench());
  rows.push(...(await clusterBench()));
  rows.push(...(await transportsApiBench()));
  rows.push(...(await probeBench()));
  rows.push(...(await browserBench()));
  const machine = {
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  process.stdout.write(formatTable(rows) + '\n');
  process.stdout.write(`machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
  const out = new URL('../../../bench/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(
    new URL('results.json', out),
    JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2) + '\n',
  );
  const missed = rows.filter((r) => !r.met).length;
  process.stdout.write(missed === 0 ? 'every target met\n' : `${missed} target(s) not met\n`);
}

await main();
