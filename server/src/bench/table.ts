/** One line of the benchmark table: a figure, the baseline measured in the same run, and the target. */
export interface BenchRow {
  name: string;
  figure: string;
  baseline: string;
  /** figure / baseline, the number the target applies to. */
  ratio: number;
  /** e.g. "<= 0.5". */
  target: string;
  met: boolean;
  details?: Record<string, number | string>;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'figure', 'baseline (same run)', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.name,
    r.figure,
    r.baseline,
    r.ratio.toFixed(3),
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join(
    '\n',
  );
}
