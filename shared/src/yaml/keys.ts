import { isScalar } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';

/**
 * The JSON property name kubectl produces for a map key: sigs.k8s.io/yaml formats non-string keys,
 * so `on:` becomes "true" and `0777:` becomes "511". Undefined when kubectl cannot convert the key
 * (null, a collection, an alias).
 */
export function keyText(key: unknown): string | undefined {
  const value = isScalar(key) ? key.value : key;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return undefined;
  }
}

export function findPair(map: YAMLMap, name: string): Pair | undefined {
  return map.items.find((pair) => keyText(pair.key) === name);
}

/** A path segment as a list index: numbers as given, strings only when they are plain digits. */
export function listIndex(segment: string | number): number | undefined {
  if (typeof segment === 'number') return Number.isInteger(segment) && segment >= 0 ? segment : undefined;
  return /^(?:0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : undefined;
}
