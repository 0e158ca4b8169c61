import type { Diagnostic, Severity } from '../diagnostics/index.js';

/** Every code this folder emits. Codes are stable: the UI and tests key on them. */
export const YAML_CODES = {
  syntax: 'yaml.syntax',
  duplicateKey: 'yaml.duplicate-key',
  anchorAlias: 'yaml.anchor-alias',
  tag: 'yaml.tag',
  keyType: 'yaml.key-type',
  tooLarge: 'yaml.too-large',
  tooComplex: 'yaml.too-complex',
  ambiguousScalar: 'yaml.ambiguous-scalar',
} as const;

export type YamlCode = (typeof YAML_CODES)[keyof typeof YAML_CODES];

export interface Position {
  line: number;
  column: number;
}

export function yamlDiagnostic(
  severity: Severity,
  code: YamlCode,
  path: string,
  position: Position,
  message: string,
  hint?: string,
): Diagnostic {
  const diagnostic: Diagnostic = {
    severity,
    code,
    source: 'yaml',
    path,
    message,
    line: position.line,
    column: position.column,
  };
  if (hint !== undefined) diagnostic.hint = hint;
  return diagnostic;
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
