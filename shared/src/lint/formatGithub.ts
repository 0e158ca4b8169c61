import type { Diagnostic } from '../diagnostics/index.js';
import type { LintReport } from './types.js';

const COMMAND: Readonly<Record<Diagnostic['severity'], string>> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

// GitHub's workflow command escaping: the message loses nothing, a property cannot end the list.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands, one per finding, which the run shows as annotations on the
 * pull request's lines; then the summary as a plain line.
 */
export function formatLintGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const doc of report.documents) {
    if (doc.skipped !== undefined) {
      lines.push(
        `::notice file=${escapeProperty(doc.source)},title=${escapeProperty('skipped')}::${escapeData(`document ${String(doc.index + 1)}${doc.kind ? ` (${doc.kind})` : ''}: ${doc.skipped}`)}`,
      );
    }
    for (const d of doc.diagnostics) {
      const properties = [
        `file=${escapeProperty(doc.source)}`,
        `line=${String(d.line ?? 1)}`,
        `col=${String(d.column ?? 1)}`,
        `title=${escapeProperty(d.code)}`,
      ].join(',');
      lines.push(
        `::${COMMAND[d.severity]} ${properties}::${escapeData(d.hint ? `${d.message}\nFix: ${d.hint}` : d.message)}`,
      );
    }
  }
  const { documents, errors, warnings } = report.summary;
  lines.push(
    `dialtone lint: ${String(documents)} documents checked, ${String(errors)} errors, ${String(warnings)} warnings`,
  );
  return lines.join('\n') + '\n';
}
