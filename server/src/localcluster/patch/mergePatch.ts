import { isPlainObject, removeKey } from '../types.js';
import { assertNoForbiddenKeys, ownValue } from './safeKeys.js';

function merge(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) removeKey(result, key);
    else result[key] = merge(ownValue(result, key), value);
  }
  return result;
}

/** RFC 7386: `null` deletes, objects merge recursively, everything else (arrays included) replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  assertNoForbiddenKeys(patch);
  return merge(target, patch);
}
