import type { JsonObject } from '../types.js';
import { isPlainObject, removeKey } from '../types.js';

/** A set of leaf field paths, each encoded as a JSON array of keys; lists count as one atomic leaf. */
export type FieldSet = Set<string>;

/** Identity and server-owned fields are never owned by a manager. */
const UNTRACKED: string[][] = [
  ['apiVersion'],
  ['kind'],
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['metadata', 'uid'],
  ['metadata', 'resourceVersion'],
  ['metadata', 'generation'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'deletionTimestamp'],
  ['metadata', 'deletionGracePeriodSeconds'],
  ['metadata', 'managedFields'],
  ['metadata', 'selfLink'],
];

function untracked(path: string[]): boolean {
  return UNTRACKED.some((u) => u.length === path.length && u.every((k, i) => k === path[i]));
}

export function leafPaths(value: unknown, prefix: string[] = [], out: FieldSet = new Set()): FieldSet {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const path = [...prefix, key];
      if (untracked(path)) continue;
      leafPaths(child, path, out);
    }
  } else if (prefix.length > 0) {
    out.add(JSON.stringify(prefix));
  }
  return out;
}

export function decodePath(encoded: string): string[] {
  return JSON.parse(encoded) as string[];
}

export function getPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Deletes a leaf and any parent maps it leaves empty. */
export function deletePath(value: Record<string, unknown>, path: string[]): void {
  const parents: Record<string, unknown>[] = [];
  let current: unknown = value;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(current)) return;
    parents.push(current);
    current = current[key];
  }
  if (!isPlainObject(current)) return;
  removeKey(current, path[path.length - 1] ?? '');
  for (let i = path.length - 2; i >= 0; i--) {
    const child = getPath(value, path.slice(0, i + 1));
    if (isPlainObject(child) && Object.keys(child).length === 0 && i > 0) {
      removeKey(parents[i] ?? {}, path[i] ?? '');
    } else break;
  }
}

/** `{"f:spec":{"f:dialTimeout":{}}}`: the wire form of a field set. */
export function toFieldsV1(set: FieldSet): JsonObject {
  const root: JsonObject = {};
  for (const encoded of [...set].sort()) {
    let node = root;
    for (const key of decodePath(encoded)) {
      const k = `f:${key}`;
      if (!isPlainObject(node[k])) node[k] = {};
      node = node[k] as JsonObject;
    }
  }
  return root;
}

/** Reads a fieldsV1 tree written by anyone; keyed list items (`k:`, `v:`, `i:`) are folded into their list. */
export function fromFieldsV1(fields: unknown, prefix: string[] = [], out: FieldSet = new Set()): FieldSet {
  if (!isPlainObject(fields)) return out;
  const keys = Object.keys(fields).filter((k) => k !== '.');
  if (keys.length === 0 || keys.some((k) => !k.startsWith('f:'))) {
    if (prefix.length > 0) out.add(JSON.stringify(prefix));
    return out;
  }
  for (const key of keys) fromFieldsV1(fields[key], [...prefix, key.slice(2)], out);
  return out;
}
