/**
 * Three-way merge of Kubernetes objects after a 409: the user's changes (base → mine) are replayed
 * on the server's version (theirs) when no field was changed on both sides. Lists are compared
 * whole, because an index in a list means nothing once the other side inserted into it.
 */

export type Path = (string | number)[];

export interface Change {
  path: Path;
  /** undefined: the field was removed. */
  value: unknown;
}

/** Fields the API server owns; they differ on every write and are never the user's edit. */
const IGNORED = new Set([
  'metadata/resourceVersion',
  'metadata/managedFields',
  'metadata/generation',
  'metadata/uid',
  'metadata/creationTimestamp',
  'status',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => equal(a[k], b[k]));
  }
  return false;
}

/** The leaf changes that turn `from` into `to`. */
export function changes(from: unknown, to: unknown, path: Path = []): Change[] {
  if (IGNORED.has(path.join('/'))) return [];
  if (isRecord(from) && isRecord(to)) {
    const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
    return [...keys].flatMap((key) => changes(from[key], to[key], [...path, key]));
  }
  return equal(from, to) ? [] : [{ path, value: to }];
}

function overlaps(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface RebaseResult {
  /** Paths changed on both sides to different values; empty when the rebase is clean. */
  conflicts: Path[];
  /** The server's changes, to replay onto the user's document (which keeps its comments). */
  theirs: Change[];
  mine: Change[];
}

export function rebase(base: unknown, mine: unknown, theirs: unknown): RebaseResult {
  const ours = changes(base, mine);
  const their = changes(base, theirs);
  const conflicts: Path[] = [];
  for (const change of ours) {
    const clash = their.find((t) => overlaps(t.path, change.path));
    // The same edit made on both sides is agreement, not a conflict.
    if (clash && !(equal(clash.path, change.path) && equal(clash.value, change.value)))
      conflicts.push(change.path);
  }
  return { conflicts, theirs: their, mine: ours };
}

export function pathText(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${String(p)}]` : p))
    .join('.')
    .replaceAll('.[', '[');
}
