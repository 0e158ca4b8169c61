export type { LintedDocument, LintInput, LintReport } from './types.js';
export { lintDocuments, lintExitCode, type LintOptions } from './lintDocuments.js';
export { formatLintText } from './formatText.js';
export { formatLintGithub } from './formatGithub.js';
export { formatLintSarif } from './formatSarif.js';
