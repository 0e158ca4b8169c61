/** JSON pointer helpers (RFC 6901). Paths inside the model are arrays of keys and indexes. */
export type PathSegment = string | number;

export function toPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`"${pointer}" is not a JSON pointer: it must start with "/".`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Dotted form used by kubectl and the API server in field errors, e.g. `spec.tls.rootCAs[0]`. */
export function toFieldPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
