import type { LintReport } from './types.js';

/** One line per finding, `file:line:col severity code message`, then a summary line. */
export function formatLintText(report: LintReport): string {
  const lines: string[] = [];
  for (const doc of report.documents) {
    if (doc.skipped !== undefined) {
      lines.push(
        `${doc.source}:document ${doc.index + 1}: skipped ${doc.kind ?? ''}${doc.kind ? ': ' : ''}${doc.skipped}`,
      );
    }
    for (const d of doc.diagnostics) {
      const where = `${doc.source}:${d.line ?? 1}:${d.column ?? 1}`;
      lines.push(`${where} ${d.severity} ${d.code} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
    }
  }
  const { documents, errors, warnings, skipped } = report.summary;
  lines.push(
    `${documents} document${documents === 1 ? '' : 's'} checked, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${skipped ? `, ${skipped} skipped` : ''}`,
  );
  return lines.join('\n') + '\n';
}
