import { describe, expect, it } from 'vitest';
import { budgetRow, formatTable, notRunRow, ratioRow, reportedRow, summary, versus } from './table.js';

describe('the benchmark table', () => {
  it('shows a budget as a budget, with no ratio against it', () => {
    const row = budgetRow({ name: 'frame', figure: '40 ms', value: 40, budget: 33.3, unit: 'ms' });
    expect(row).toMatchObject({ against: 'budget 33.3 ms', target: '≤ 33.3 ms (budget)', verdict: 'missed' });
    expect(row.ratio).toBeUndefined();
    expect(formatTable([row])).toMatch(
      /\| frame +\| 40 ms +\| budget 33\.3 ms +\| — +\| ≤ 33\.3 ms \(budget\) \| missed +\|/,
    );
  });

  it('says a row without a target has none, instead of calling it met', () => {
    const row = reportedRow({
      name: 'memory',
      figure: '200 MiB',
      against: 'kube-apiserver 570 MiB',
      ratio: 0.35,
    });
    expect(row.verdict).toBe('no target');
    expect(formatTable([row])).toMatch(/\| none +\| no target \|/);
  });

  it('lists a benchmark that could not run, with its reason, and counts it', () => {
    const rows = [
      ratioRow({ name: 'list', figure: '2 ms', against: 'bare 1 ms', ratio: 2, max: 3 }),
      notRunRow('dashboard list in Chromium', 'no Chromium at CHROMIUM_PATH or /usr/bin/chromium'),
    ];
    expect(formatTable(rows)).toContain('not run: no Chromium at CHROMIUM_PATH or /usr/bin/chromium');
    expect(summary(rows)).toBe('1 met, 0 missed, 0 without a target, 1 not run');
  });

  it('says which side of a peer comparison is faster', () => {
    expect(versus(0.25, 'kubectl')).toBe('Dialtone 4.0× faster than kubectl');
    expect(versus(1.6, 'kube-apiserver')).toBe('kube-apiserver 1.6× faster than Dialtone');
    expect(versus(1.02, 'client-node')).toBe('about as fast as client-node');
  });
});
