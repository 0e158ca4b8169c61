import type { CST } from 'yaml';

/** Where a tag (`!foo`) or an anchor (`&a`) was written. The composed node only remembers its name. */
export interface PropMark {
  kind: 'tag' | 'anchor';
  offset: number;
}

export interface CstScan {
  /** Offset of the first collection nested deeper than allowed, if any. */
  tooDeepAt?: number;
  /** Tags and anchors in source order; empty for almost every real manifest. */
  props: PropMark[];
}

type Pending = { token: CST.Token; depth: number };

function collectProps(tokens: readonly CST.SourceToken[] | undefined, props: PropMark[]): void {
  if (!tokens) return;
  for (const token of tokens) {
    if (token.type === 'tag' || token.type === 'anchor')
      props.push({ kind: token.type, offset: token.offset });
  }
}

/**
 * Measures nesting before the document is composed. `yaml` composes recursively and, near the end
 * of the stack, V8 can abort the whole process (not throw) while compiling a regular expression,
 * so a hostile `[[[[…` must never reach the composer. The walk is iterative for the same reason.
 */
export function scanDocumentToken(document: CST.Document, maxDepth: number): CstScan {
  const props: PropMark[] = [];
  collectProps(document.start, props);
  const pending: Pending[] = [];
  if (document.value) pending.push({ token: document.value, depth: 0 });
  let tooDeepAt: number | undefined;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')
      continue;
    if (depth >= maxDepth) {
      tooDeepAt = tooDeepAt === undefined ? token.offset : Math.min(tooDeepAt, token.offset);
      continue;
    }
    for (const item of token.items) {
      collectProps(item.start, props);
      collectProps(item.sep, props);
      if (item.key) pending.push({ token: item.key, depth: depth + 1 });
      if (item.value) pending.push({ token: item.value, depth: depth + 1 });
    }
  }
  props.sort((a, b) => a.offset - b.offset);
  return tooDeepAt === undefined ? { props } : { tooDeepAt, props };
}

/** The last tag or anchor mark written before `offset`, which is where a node's props sit. */
export function propBefore(
  props: readonly PropMark[],
  kind: PropMark['kind'],
  offset: number,
): number | undefined {
  let low = 0;
  let high = props.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((props[mid]?.offset ?? offset) < offset) low = mid + 1;
    else high = mid;
  }
  // A node carries at most one tag and one anchor, so its own mark is one of the two just before it.
  for (let i = low - 1; i >= 0 && i >= low - 2; i--) {
    const mark = props[i];
    if (mark?.kind === kind) return mark.offset;
  }
  return undefined;
}
