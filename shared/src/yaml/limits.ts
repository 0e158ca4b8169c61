/**
 * Bounds on what parseYaml will read. The text comes from users and from clusters, and the server
 * parses it on the request path, so a hostile file must cost little more than a normal one.
 */

/** The API server's own request limit is larger; nobody pastes a megabyte of transport settings. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export const MAX_DOCUMENTS = 10_000;

/** A ServersTransportTCP is about five levels deep; 64 leaves room for any real manifest. */
export const MAX_DEPTH = 64;

/** Past this many findings in one document, more of them stop helping anyone. */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 100;

/** UTF-8 length without encoding the text: the API server and kubectl count bytes, not characters. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function exceedsBytes(text: string, maxBytes: number): boolean {
  // Every UTF-16 unit is at least one byte and at most three, so most texts need no counting.
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8ByteLength(text) > maxBytes;
}
