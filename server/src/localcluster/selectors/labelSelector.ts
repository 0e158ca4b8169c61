import { errors } from '../http/status.js';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type LabelSelector = (labels: Record<string, string> | undefined) => boolean;

/** Splits on commas that are not inside a `(…)` value set. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseTerm(term: string): Requirement {
  const set = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    const values = (set[3] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return { op: set[2] === 'in' ? 'in' : 'notin', key: set[1] ?? '', values };
  }
  const cmp = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=()]*)$/.exec(term);
  if (cmp) return { op: cmp[2] === '!=' ? 'neq' : 'eq', key: cmp[1] ?? '', value: cmp[3] ?? '' };
  const notExists = /^!\s*([^\s!=()]+)$/.exec(term);
  if (notExists) return { op: 'notexists', key: notExists[1] ?? '' };
  if (/^[^\s!=()]+$/.test(term)) return { op: 'exists', key: term };
  throw errors.badRequest(`unable to parse requirement: found '${term}', expected a label selector term`);
}

function matches(req: Requirement, labels: Record<string, string>): boolean {
  const value = labels[req.key];
  switch (req.op) {
    case 'eq':
      return value === req.value;
    case 'neq':
      return value !== req.value;
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
  }
}

export function parseLabelSelector(text: string | null | undefined): LabelSelector {
  if (!text) return () => true;
  const requirements = splitTerms(text).map(parseTerm);
  return (labels) => requirements.every((r) => matches(r, labels ?? {}));
}
