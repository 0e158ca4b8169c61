import type { Diagnostic } from '../diagnostics/index.js';
import type { LintReport } from './types.js';

const LEVEL: Readonly<Record<Diagnostic['severity'], 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
}

/** A file name as a SARIF URI: relative paths stay relative to the repository, with forward slashes. */
function uriOf(source: string): string {
  return encodeURI(source.replace(/\\/g, '/')).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

/**
 * SARIF 2.1.0 for code scanning (GitHub's upload-sarif and others): one rule per diagnostic code,
 * one result per finding at its file, line and column.
 */
export function formatLintSarif(report: LintReport, toolVersion?: string): string {
  const rules = new Map<string, { id: string; shortDescription: { text: string } }>();
  const results: SarifResult[] = [];
  for (const doc of report.documents) {
    for (const d of doc.diagnostics) {
      if (!rules.has(d.code))
        rules.set(d.code, { id: d.code, shortDescription: { text: `${d.source}: ${d.code}` } });
      results.push({
        ruleId: d.code,
        level: LEVEL[d.severity],
        message: { text: d.hint ? `${d.message} Fix: ${d.hint}` : d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(doc.source) },
              region: { startLine: d.line ?? 1, startColumn: d.column ?? 1 },
            },
          },
        ],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dialtone lint',
            ...(toolVersion ? { version: toolVersion } : {}),
            rules: [...rules.values()],
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
