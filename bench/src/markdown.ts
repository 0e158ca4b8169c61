import { readFileSync } from 'node:fs';
import { formatTable, summary, type BenchRow } from './table.js';

/**
 * `npm run bench:table`: the README's performance table, printed from the committed
 * bench/results.json, so the table quoted is the run recorded.
 */
const results = JSON.parse(readFileSync(new URL('../results.json', import.meta.url), 'utf8')) as {
  date: string;
  machine: Record<string, unknown>;
  rows: BenchRow[];
};
process.stdout.write(`${formatTable(results.rows)}\n\n${summary(results.rows)} (run of ${results.date})\n`);
