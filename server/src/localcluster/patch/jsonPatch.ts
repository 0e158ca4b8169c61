import { clone, isPlainObject, jsonEqual, removeKey } from '../types.js';
import { assertNoForbiddenKeys, assertSafeKey, ownValue } from './safeKeys.js';

/** A patch that cannot be applied; the API server answers these with 422. */
export class JsonPatchError extends Error {}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer "${pointer}"`);
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const token of tokens) assertSafeKey(token, pointer);
  return tokens;
}

function child(current: unknown, token: string): unknown {
  if (Array.isArray(current)) return /^(0|[1-9][0-9]*)$/.test(token) ? current[Number(token)] : undefined;
  return isPlainObject(current) ? ownValue(current, token) : undefined;
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], pointer: string): { parent: Container; key: string } {
  let current = doc;
  for (const token of tokens.slice(0, -1)) {
    current = child(current, token);
    if (current === undefined) throw new JsonPatchError(`doc is missing path: ${pointer}`);
  }
  if (!Array.isArray(current) && !isPlainObject(current)) {
    throw new JsonPatchError(`doc is missing path: ${pointer}`);
  }
  return { parent: current, key: tokens[tokens.length - 1] ?? '' };
}

function arrayIndex(parent: unknown[], key: string, pointer: string, forInsert: boolean): number {
  if (forInsert && key === '-') return parent.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new JsonPatchError(`invalid array index "${key}" in ${pointer}`);
  const index = Number(key);
  if (index > parent.length || (!forInsert && index === parent.length)) {
    throw new JsonPatchError(`unable to access invalid index: ${index} in ${pointer}`);
  }
  return index;
}

function read(doc: unknown, pointer: string): unknown {
  let current = doc;
  for (const token of parsePointer(pointer)) {
    current = child(current, token);
    if (current === undefined) throw new JsonPatchError(`doc is missing path: ${pointer}`);
  }
  return current;
}

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, pointer, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  const { parent, key } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, pointer, false), 1);
  else {
    if (!Object.hasOwn(parent, key))
      throw new JsonPatchError(`unable to remove nonexistent key: ${key}: missing value`);
    removeKey(parent, key);
  }
  return doc;
}

/** RFC 6902. Throws `JsonPatchError` for a patch that does not apply, `TypeError` for one that is malformed. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) {
    throw new TypeError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  let doc = clone(document);
  for (const raw of patch) {
    if (!isPlainObject(raw) || typeof raw['op'] !== 'string' || typeof raw['path'] !== 'string') {
      throw new TypeError('json patch operations need "op" and "path"');
    }
    const op = raw as unknown as Operation;
    assertNoForbiddenKeys(op.value, `${op.path} (value)`);
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, clone(op.value));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        read(doc, op.path);
        doc =
          parsePointer(op.path).length === 0
            ? clone(op.value)
            : add(remove(doc, op.path), op.path, clone(op.value));
        break;
      case 'move': {
        const value = read(doc, op.from ?? '');
        doc = add(remove(doc, op.from ?? ''), op.path, value);
        break;
      }
      case 'copy':
        doc = add(doc, op.path, clone(read(doc, op.from ?? '')));
        break;
      case 'test':
        if (!jsonEqual(read(doc, op.path), op.value)) {
          throw new JsonPatchError(`testing value ${op.path} failed: test failed`);
        }
        break;
      default:
        throw new TypeError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
