import { cleanForExport, stringifyObjects } from '@dialtone/shared';

/** The text a stored object is edited as: what the user owns, not what the API server fills in. */
export function editableText(object: unknown): string {
  return stringifyObjects([cleanForExport(object)]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a PUT: the edited object with the version it was edited from, as the precondition. */
export function withResourceVersion(value: unknown, resourceVersion: string): unknown {
  if (!isRecord(value)) return value;
  const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
  return { ...value, metadata: { ...metadata, resourceVersion } };
}

export function specOf(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) && isRecord(value['spec']) ? value['spec'] : undefined;
}

export function metadataField(value: unknown, field: 'name' | 'namespace'): string | undefined {
  if (!isRecord(value) || !isRecord(value['metadata'])) return undefined;
  const found = value['metadata'][field];
  return typeof found === 'string' && found !== '' ? found : undefined;
}
