import type { KubeObject } from '../types.js';
import { errors } from '../http/status.js';

export type FieldSelector = (object: KubeObject) => boolean;

/** Only these fields can be selected on, per kind, as on a real API server for these types. */
const EXTRA_FIELDS: Record<string, Record<string, (o: KubeObject) => string | undefined>> = {
  Secret: { type: (o) => (typeof o['type'] === 'string' ? o['type'] : undefined) },
  Namespace: {
    'status.phase': (o) => {
      const status = o['status'] as { phase?: string } | undefined;
      return status?.phase;
    },
  },
};

const COMMON: Record<string, (o: KubeObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

export function parseFieldSelector(text: string | null | undefined, kind: string): FieldSelector {
  if (!text) return () => true;
  const tests = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((term) => {
      const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
      const field = m[1] ?? '';
      const read = COMMON[field] ?? EXTRA_FIELDS[kind]?.[field];
      if (!read) throw errors.badRequest(`field label not supported: ${field}`);
      const negate = m[2] === '!=';
      const wanted = m[3] ?? '';
      return (o: KubeObject) => (read(o) === wanted) !== negate;
    });
  return (object) => tests.every((t) => t(object));
}
