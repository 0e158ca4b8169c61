import { isCollection, isMap, isNode, isSeq } from 'yaml';
import type { Document, LineCounter } from 'yaml';
import { fromPointer } from '../diagnostics/index.js';
import type { Position } from './diagnostic.js';
import { findPair, listIndex } from './keys.js';

export type LocatePart = 'key' | 'value';
export type Locate = (pointer: string, part?: LocatePart) => Position | undefined;

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/**
 * Maps JSON pointers to 1-based positions in the text. Walks the path on demand rather than
 * indexing every node up front: most documents are never asked, and those that are get a few calls.
 *
 * A pointer that goes past what exists resolves to its nearest existing ancestor, so "missing
 * field" findings land on the map that should contain the field. A block collection under a key is
 * located at that key, since its own first line is already its first entry.
 */
export function createLocator(document: Document, lineCounter: LineCounter): Locate {
  return (pointer, part = 'value') => {
    let segments: string[];
    try {
      segments = fromPointer(pointer);
    } catch {
      return undefined;
    }
    let node: unknown = document.contents;
    let key: unknown;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = findPair(node, segment);
        if (!pair) break;
        key = pair.key;
        // `? key` with no value has no value node; the key is the closest thing to point at.
        node = pair.value ?? pair.key;
      } else if (isSeq(node)) {
        const index = listIndex(segment);
        const item = index === undefined ? undefined : node.items[index];
        if (item === undefined) break;
        key = undefined;
        node = item;
      } else break;
    }
    // A block map or list starts on the line below its key; a finding about the whole collection
    // ("must be a string", "missing serverName") reads best on the key's line.
    const useKey = part === 'key' || (isCollection(node) && !node.flow);
    const offset = (useKey ? startOf(key) : undefined) ?? startOf(node) ?? document.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** For documents that were never composed (too large, too deep): everything points at one place. */
export function fixedLocator(position: Position): Locate {
  return () => ({ ...position });
}
