/** How serious a finding is. `error` from yaml/schema/kubernetes means the API server would reject it. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Who would complain:
 * - `yaml`: the text cannot be read as kubectl would read it.
 * - `schema`: the CRD's openAPIV3Schema (types, patterns, unknown fields, CEL) rejects it.
 * - `kubernetes`: object rules the API server enforces outside the schema (names, apiVersion/kind).
 * - `traefik`: the API server accepts it but Traefik breaks on it or silently degrades.
 */
export type DiagnosticSource = 'yaml' | 'schema' | 'kubernetes' | 'traefik';

export interface Diagnostic {
  severity: Severity;
  /** Stable, dotted identifier such as `schema.type` or `traefik.duration-negative-dial-timeout`. */
  code: string;
  source: DiagnosticSource;
  /** JSON pointer (RFC 6901) into the document, `""` for the whole document. */
  path: string;
  message: string;
  hint?: string;
  /** 1-based position in the YAML text when the document came from text. */
  line?: number;
  column?: number;
}

/** Sources whose errors mean the API server would refuse the object. */
export const ADMISSION_SOURCES: readonly DiagnosticSource[] = ['yaml', 'schema', 'kubernetes'];

/** True when the API server would accept the object: no error from yaml, schema or kubernetes. */
export function isAdmissible(diagnostics: readonly Diagnostic[]): boolean {
  return !diagnostics.some((d) => d.severity === 'error' && ADMISSION_SOURCES.includes(d.source));
}
