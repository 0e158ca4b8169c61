import { Pair, YAMLMap, YAMLSeq, isCollection, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { PathSegment } from '../diagnostics/index.js';
import { findPair, listIndex } from './keys.js';
import { plainValue } from './read.js';

/**
 * Edits by path on a parsed document. Keys are matched as kubectl names them (see keyText), an
 * existing scalar is updated in place so its comment and quoting survive, and new keys go last.
 */

export type EditPath = readonly PathSegment[];

function child(parent: unknown, segment: PathSegment): unknown {
  if (isMap(parent)) return findPair(parent, String(segment))?.value ?? undefined;
  if (isSeq(parent)) {
    const index = listIndex(segment);
    return index === undefined ? undefined : parent.items[index];
  }
  return undefined;
}

function isScalarValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

function replacement(document: Document, previous: unknown, value: unknown): unknown {
  if (isScalar(previous) && isScalarValue(value) && !isNode(value)) {
    previous.value = value;
    return previous;
  }
  const node: Node = isNode(value) ? value : document.createNode(value);
  if (isNode(previous)) {
    // A comment line above the old value describes the entry, so it stays with the new one.
    node.commentBefore = previous.commentBefore;
    node.spaceBefore = previous.spaceBefore;
  }
  return node;
}

function describePath(path: EditPath, length: number): string {
  return '/' + path.slice(0, length).map(String).join('/');
}

function assign(
  document: Document,
  parent: YAMLMap | YAMLSeq,
  path: EditPath,
  depth: number,
  value: unknown,
): void {
  const segment = path[depth] as PathSegment;
  if (isMap(parent)) {
    const pair = findPair(parent, String(segment));
    if (pair) pair.value = replacement(document, pair.value, value);
    else parent.items.push(new Pair(document.createNode(segment), replacement(document, undefined, value)));
    return;
  }
  const index = listIndex(segment);
  if (index === undefined || index > parent.items.length) {
    throw new RangeError(
      `Cannot set ${describePath(path, depth + 1)}: the list at ${describePath(path, depth)} has ` +
        `${String(parent.items.length)} items, so the index must be a number from 0 to ${String(parent.items.length)}.`,
    );
  }
  parent.items[index] = replacement(document, parent.items[index], value);
}

function emptyCollectionFor(document: Document, next: PathSegment): YAMLMap | YAMLSeq {
  return typeof next === 'number' ? new YAMLSeq(document.schema) : new YAMLMap(document.schema);
}

/**
 * Sets the value at `path`, creating maps (or lists, for numeric segments) on the way. Anything in
 * the way that is not a map or list, such as an empty `spec:`, is replaced.
 */
export function setIn(document: Document, path: EditPath, value: unknown): void {
  const [first] = path;
  if (first === undefined) {
    document.contents = replacement(document, document.contents, value) as Node;
    return;
  }
  if (!isCollection(document.contents)) {
    const root = emptyCollectionFor(document, first);
    document.contents = replacement(document, document.contents, root) as Node;
  }
  let parent = document.contents as YAMLMap | YAMLSeq;
  for (let depth = 0; depth < path.length - 1; depth++) {
    let next = child(parent, path[depth] as PathSegment);
    if (!isMap(next) && !isSeq(next)) {
      next = emptyCollectionFor(document, path[depth + 1] as PathSegment);
      assign(document, parent, path, depth, next);
    }
    parent = next as YAMLMap | YAMLSeq;
  }
  assign(document, parent, path, path.length - 1, value);
}

function removeItem(collection: YAMLMap | YAMLSeq, index: number): void {
  collection.items.splice(index, 1);
  // `yaml` files a comment written above the first entry on the collection, but it describes that
  // entry; left behind it would now describe the next one.
  if (index === 0 && !collection.flow) collection.commentBefore = undefined;
}

/** Removes the key or list item at `path`, with its comment; a path that does not exist is left alone. */
export function deleteIn(document: Document, path: EditPath): void {
  if (path.length === 0) {
    document.contents = null;
    return;
  }
  let parent: unknown = document.contents;
  for (const segment of path.slice(0, -1)) parent = child(parent, segment);
  const last = path[path.length - 1] as PathSegment;
  if (isMap(parent)) {
    const pair = findPair(parent, String(last));
    if (pair) removeItem(parent, parent.items.indexOf(pair));
  } else if (isSeq(parent)) {
    const index = listIndex(last);
    if (index !== undefined && index < parent.items.length) removeItem(parent, index);
  }
}

/** kubectl's reading of the value at `path` (plain JS), or undefined when there is nothing there. */
export function getIn(document: Document, path: EditPath): unknown {
  let node: unknown = document.contents;
  for (const segment of path) {
    node = child(node, segment);
    if (node === undefined) return undefined;
  }
  return plainValue(node);
}
