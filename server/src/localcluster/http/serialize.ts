import type { KubeObject } from '../types.js';

// Stored objects are never mutated (every write stores a new object), so their encoded JSON can be cached.
const cache = new WeakMap<KubeObject, Buffer>();
const COMMA = Buffer.from(',');

export function objectJson(object: KubeObject): Buffer {
  let bytes = cache.get(object);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(object));
    cache.set(object, bytes);
  }
  return bytes;
}

/** A list body assembled from cached item bytes: a large list costs little more than copying them. */
export function listJson(head: Record<string, unknown>, items: KubeObject[]): Buffer {
  const parts: Buffer[] = [Buffer.from(JSON.stringify(head).slice(0, -1) + ',"items":[')];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(objectJson(item));
  });
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}
