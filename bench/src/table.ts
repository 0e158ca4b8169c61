/**
 * What a row's figure is held to. A ratio target compares with a baseline measured in the same run;
 * a budget is an absolute limit (nothing to measure it against); a reported row has no target; a row
 * that could not be measured says why.
 */
export type Verdict = 'met' | 'missed' | 'no target' | 'not run';

/** One line of the benchmark table. */
export interface BenchRow {
  name: string;
  figure: string;
  /** The baseline or peer measured in the same run, or the budget the figure is held to. */
  against: string;
  /** figure / baseline; absent for budgets and rows not run. */
  ratio?: number;
  /** e.g. "≤ 0.5", "≤ 2 ms (budget)"; absent when there is none. */
  target?: string;
  verdict: Verdict;
  /** Why a row was not run. */
  reason?: string;
  details?: Record<string, number | string>;
}

/** A figure held to at most `max` times a baseline from the same run. */
export function ratioRow(row: {
  name: string;
  figure: string;
  against: string;
  ratio: number;
  max: number;
  details?: BenchRow['details'];
}): BenchRow {
  const { max, ...rest } = row;
  return { ...rest, target: `≤ ${max}`, verdict: row.ratio <= max ? 'met' : 'missed' };
}

/** A figure held to an absolute limit: there is no baseline, so no ratio. */
export function budgetRow(row: {
  name: string;
  figure: string;
  value: number;
  budget: number;
  unit: string;
  details?: BenchRow['details'];
}): BenchRow {
  const { value, budget, unit, ...rest } = row;
  return {
    ...rest,
    against: `budget ${budget} ${unit}`,
    target: `≤ ${budget} ${unit} (budget)`,
    verdict: value <= budget ? 'met' : 'missed',
  };
}

/** A figure shown beside a baseline or a peer, with no target; the ratio says who is faster. */
export function reportedRow(row: {
  name: string;
  figure: string;
  against: string;
  ratio?: number;
  details?: BenchRow['details'];
}): BenchRow {
  return { ...row, verdict: 'no target' };
}

export function notRunRow(name: string, reason: string): BenchRow {
  return { name, figure: 'not run', against: '', verdict: 'not run', reason };
}

/** "2.4× faster" or "1.3× slower" for a peer comparison, where the ratio is ours / theirs. */
export function versus(ratio: number, peer: string): string {
  if (ratio > 0.95 && ratio < 1.05) return `about as fast as ${peer}`;
  if (ratio < 1) return `Dialtone ${(1 / ratio).toFixed(1)}× faster than ${peer}`;
  return `${peer} ${ratio.toFixed(1)}× faster than Dialtone`;
}

const HEADER = ['benchmark', 'figure', 'baseline, peer or budget (same run)', 'ratio', 'target', 'result'];

function cells(row: BenchRow): string[] {
  const result = row.verdict === 'not run' ? `not run: ${row.reason ?? 'no reason given'}` : row.verdict;
  return [
    row.name,
    row.figure,
    row.against,
    row.ratio === undefined ? '—' : row.ratio.toFixed(2),
    row.target ?? 'none',
    result,
  ];
}

/** A Markdown table, readable as plain text in a terminal too. */
export function formatTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const line = (values: string[]) => '| ' + values.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(HEADER), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...body.map(line)].join(
    '\n',
  );
}

/** One line that says how the run went, counting every kind of row. */
export function summary(rows: readonly BenchRow[]): string {
  const count = (verdict: Verdict) => rows.filter((r) => r.verdict === verdict).length;
  return `${count('met')} met, ${count('missed')} missed, ${count('no target')} without a target, ${count('not run')} not run`;
}
