import { toPointer, type DurationField, type JsonSchema, type PathSegment } from '@dialtone/shared';

export const DURATION_FIELDS: readonly DurationField[] = ['dialTimeout', 'dialKeepAlive', 'terminationDelay'];

export type FieldKind = 'duration' | 'int-or-string' | 'boolean' | 'number' | 'string' | 'object' | 'list';

export function fieldKind(name: string | number, schema: JsonSchema): FieldKind {
  const intOrString = schema['x-kubernetes-int-or-string'] === true || (schema.anyOf?.length ?? 0) > 0;
  if (intOrString) return DURATION_FIELDS.includes(name as DurationField) ? 'duration' : 'int-or-string';
  switch (schema.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'object':
      return 'object';
    case 'array':
      return 'list';
    default:
      return 'string';
  }
}

/** Which namespace objects a string field names, so the form can offer them and check they exist. */
export function referenceKind(path: readonly PathSegment[]): 'secrets' | 'configmaps' | undefined {
  const parent = path[path.length - 2];
  const last = path[path.length - 1];
  if (last === 'secret' || parent === 'certificatesSecrets' || parent === 'rootCAsSecrets') return 'secrets';
  if (last === 'configMap') return 'configmaps';
  return undefined;
}

export function fieldId(path: readonly PathSegment[]): string {
  return `field${toPointer(path).replaceAll(/[^A-Za-z0-9]/g, '-')}`;
}

/** The schema's description, first paragraph only: the rest is usually a deprecation note shown apart. */
export function helpText(schema: JsonSchema): { help?: string; deprecated?: string } {
  const text = schema.description?.trim();
  if (!text) return {};
  const [first, ...rest] = text.split(/\n\s*\n/);
  const deprecated = rest.find((p) => p.startsWith('Deprecated'));
  return { help: first?.replaceAll('\n', ' '), ...(deprecated ? { deprecated } : {}) };
}
