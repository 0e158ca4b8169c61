import { isPlainObject, jsonEqual, removeKey } from '../types.js';
import { assertNoForbiddenKeys, ownValue } from './safeKeys.js';

/**
 * Lists that merge item by item instead of being replaced, per kind, keyed by dotted path. Everything else
 * is atomic, which is what EndpointSlice `endpoints`/`ports` are on the real API server as well.
 */
const MERGE_KEYS: Record<string, Record<string, string | null>> = {
  Service: { 'spec.ports': 'port', 'metadata.ownerReferences': 'uid', 'metadata.finalizers': null },
  Secret: { 'metadata.ownerReferences': 'uid', 'metadata.finalizers': null },
  ConfigMap: { 'metadata.ownerReferences': 'uid', 'metadata.finalizers': null },
  Namespace: { 'metadata.ownerReferences': 'uid', 'metadata.finalizers': null },
  EndpointSlice: { 'metadata.ownerReferences': 'uid', 'metadata.finalizers': null },
};

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVES = '$deleteFromPrimitiveList/';

function mergeList(
  kind: string,
  path: string,
  original: unknown,
  patch: unknown[],
  deletions: unknown[] | undefined,
): unknown {
  const keys = Object.hasOwn(MERGE_KEYS, kind) ? MERGE_KEYS[kind]! : {};
  const hasStrategy = Object.hasOwn(keys, path);
  const current = Array.isArray(original) ? [...original] : [];
  if (patch.some((item) => isPlainObject(item) && item['$patch'] === 'replace')) {
    return patch.filter((item) => !(isPlainObject(item) && item['$patch'] === 'replace'));
  }
  if (!hasStrategy) return deletions ? current.filter((v) => !deletions.some((d) => jsonEqual(d, v))) : patch;
  const mergeKey = keys[path];
  if (mergeKey === null || mergeKey === undefined) {
    const merged = current.filter((v) => !deletions?.some((d) => jsonEqual(d, v)));
    for (const item of patch) if (!merged.some((v) => jsonEqual(v, item))) merged.push(item);
    return merged;
  }
  let result = current;
  for (const item of patch) {
    if (!isPlainObject(item)) continue;
    const keyValue = item[mergeKey];
    const index = result.findIndex((v) => isPlainObject(v) && jsonEqual(v[mergeKey], keyValue));
    if (item['$patch'] === 'delete') {
      if (index !== -1) result = result.filter((_, i) => i !== index);
      continue;
    }
    if (index === -1) result.push(strip(item));
    else result[index] = mergeObject(kind, path + '[]', result[index], item);
  }
  return result;
}

/** Removes directives from a value that is inserted as a whole. */
function strip(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    out[k] = isPlainObject(v) ? strip(v) : v;
  }
  return out;
}

function mergeObject(kind: string, path: string, original: unknown, patch: Record<string, unknown>): unknown {
  if (patch['$patch'] === 'delete') return undefined;
  if (patch['$patch'] === 'replace') return strip(patch);
  const result: Record<string, unknown> = isPlainObject(original) ? { ...original } : {};
  const retain = Array.isArray(patch['$retainKeys']) ? (patch['$retainKeys'] as unknown[]) : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_PRIMITIVES)) continue;
    const childPath = path ? `${path}.${key}` : key;
    if (value === null) {
      removeKey(result, key);
    } else if (Array.isArray(value)) {
      const deletions = ownValue(patch, `${DELETE_PRIMITIVES}${key}`);
      result[key] = mergeList(
        kind,
        childPath,
        ownValue(result, key),
        value,
        Array.isArray(deletions) ? deletions : undefined,
      );
    } else if (isPlainObject(value)) {
      const merged = mergeObject(kind, childPath, ownValue(result, key), value);
      if (merged === undefined) removeKey(result, key);
      else result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  for (const [key, deletions] of Object.entries(patch)) {
    if (!key.startsWith(DELETE_PRIMITIVES) || !Array.isArray(deletions)) continue;
    const field = key.slice(DELETE_PRIMITIVES.length);
    if (Object.hasOwn(patch, field)) continue;
    const list = ownValue(result, field);
    if (Array.isArray(list)) result[field] = list.filter((v) => !deletions.some((d) => jsonEqual(d, v)));
  }
  if (retain) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) removeKey(result, key);
  }
  return result;
}

/** Strategic merge patch for the built-in kinds, as `kubectl apply` computes it for them. */
export function applyStrategicMergePatch(kind: string, original: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) throw new TypeError('strategic merge patch body must be a JSON object');
  assertNoForbiddenKeys(patch);
  return mergeObject(kind, '', original, patch) ?? {};
}
