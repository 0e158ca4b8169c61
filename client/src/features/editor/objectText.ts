import { cleanForExport, stringifyObjects } from '@dialtone/shared';

/** The text a stored object is edited as: what the user owns, not what the API server fills in. */
export function editableText(object: unknown): string {
  return stringifyObjects([cleanForExport(object)]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object as the user edits it, so the three versions of a conflict compare like with like. */
export function comparable(object: unknown): unknown {
  return object === undefined ? undefined : cleanForExport(object);
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The body of a PUT: the edited object with the version it was edited from as the precondition.
 * kubectl's last-applied annotation is left out of the editor (it is a page of JSON) but put back,
 * so a later `kubectl apply` still knows which fields it owns.
 */
export function forUpdate(value: unknown, base: unknown, resourceVersion: string): unknown {
  if (!isRecord(value)) return value;
  const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
  const baseMeta = isRecord(base) && isRecord(base['metadata']) ? base['metadata'] : {};
  const baseAnnotations = isRecord(baseMeta['annotations']) ? baseMeta['annotations'] : {};
  const annotations = isRecord(metadata['annotations']) ? metadata['annotations'] : undefined;
  const lastApplied = baseAnnotations[LAST_APPLIED];
  const keep = typeof lastApplied === 'string' && !(annotations && LAST_APPLIED in annotations);
  return {
    ...value,
    metadata: {
      ...metadata,
      ...(keep ? { annotations: { ...annotations, [LAST_APPLIED]: lastApplied } } : {}),
      resourceVersion,
    },
  };
}

export function specOf(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) && isRecord(value['spec']) ? value['spec'] : undefined;
}

export function metadataField(value: unknown, field: 'name' | 'namespace'): string | undefined {
  if (!isRecord(value) || !isRecord(value['metadata'])) return undefined;
  const found = value['metadata'][field];
  return typeof found === 'string' && found !== '' ? found : undefined;
}
