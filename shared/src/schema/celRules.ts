import type { CelRuleNote } from './jsonSchemaTypes.js';

// `!has(self.a) || !has(self.b)`: the two fields may not be set together. This is the one rule shape
// Traefik's CRDs use; any other rule is carried as `unknown` so that it is reported, not passed.
const EXCLUSIVE =
  /^\s*!\s*has\(\s*self\.([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*\|\|\s*!\s*has\(\s*self\.([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/;

export function interpretCelRule(rule: string, message: string | undefined): CelRuleNote {
  const exclusive = EXCLUSIVE.exec(rule);
  const base = message === undefined ? { rule } : { rule, message };
  if (exclusive) return { ...base, check: 'exclusive-fields', fields: [exclusive[1]!, exclusive[2]!] };
  return { ...base, check: 'unknown' };
}
