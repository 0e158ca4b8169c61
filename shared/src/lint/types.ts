import type { Diagnostic } from '../diagnostics/index.js';

/** One document of `dialtone lint --format json`. */
export interface LintedDocument {
  source: string;
  index: number;
  kind?: string;
  namespace?: string;
  name?: string;
  /** False exactly when an error comes from yaml, schema or kubernetes (the API server would refuse it). */
  valid: boolean;
  /** Set when the document was not checked, with the reason. */
  skipped?: string;
  diagnostics: Diagnostic[];
}

export interface LintReport {
  documents: LintedDocument[];
  summary: { documents: number; errors: number; warnings: number; skipped: number };
}

export interface LintInput {
  /** File name shown in the output; "-" or "<stdin>" for standard input. */
  source: string;
  text: string;
}
