/** One block as Go's encoding/pem returns it. */
export interface PemBlock {
  type: string;
  headers: Record<string, string>;
  bytes: Buffer;
}

const BEGIN = '-----BEGIN ';
const END = '\n-----END ';
const DASHES = '-----';

/** getLine: up to the next \n, without a \r before it and without trailing spaces and tabs. */
function getLine(data: string): { line: string; rest: string; consumed: number } {
  let i = data.indexOf('\n');
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === '\r') i--;
  }
  return { line: data.slice(0, i).replace(/[ \t]+$/, ''), rest: data.slice(j), consumed: j };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Go's strict StdEncoding: padded, no stray characters, \r and \n ignored. */
function decodeBase64(text: string): Buffer | undefined {
  const clean = text.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !BASE64.test(clean)) return undefined;
  return Buffer.from(clean, 'base64');
}

/**
 * A port of Go's pem.Decode, applied until no block is left, because Traefik reads every CA and key
 * pair with it: text around blocks is skipped silently, trailing spaces on the BEGIN and END lines
 * are fine, and a block that does not decode is passed over rather than failing the rest.
 */
export function decodePem(input: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  let data = input;
  for (;;) {
    const decoded = decodeOne(data);
    if (!decoded) return blocks;
    blocks.push(decoded.block);
    data = decoded.rest;
  }
}

function decodeOne(data: string): { block: PemBlock; rest: string } | undefined {
  let rest = data;
  let endTrailerIndex = 0;
  for (;;) {
    if (endTrailerIndex < 0 || endTrailerIndex > rest.length) return undefined;
    rest = rest.slice(endTrailerIndex);
    let endIndex = rest.indexOf(END);
    if (endIndex < 0) return undefined;
    endTrailerIndex = endIndex + END.length;
    const beginIndex = rest.slice(0, endIndex).lastIndexOf(BEGIN);
    if (beginIndex < 0 || (beginIndex > 0 && rest[beginIndex - 1] !== '\n')) continue;
    const shift = beginIndex + BEGIN.length;
    rest = rest.slice(shift);
    endIndex -= shift;
    endTrailerIndex -= shift;

    const typeLine = getLine(rest);
    rest = typeLine.rest;
    endIndex -= typeLine.consumed;
    endTrailerIndex -= typeLine.consumed;
    if (!typeLine.line.endsWith(DASHES)) continue;
    const type = typeLine.line.slice(0, -DASHES.length);

    const headers: Record<string, string> = {};
    let sawHeader = false;
    for (;;) {
      if (rest.length === 0) return undefined;
      const next = getLine(rest);
      const colon = next.line.indexOf(':');
      if (colon < 0) break;
      headers[next.line.slice(0, colon).trim()] = next.line.slice(colon + 1).trim();
      sawHeader = true;
      rest = next.rest;
      endIndex -= next.consumed;
      endTrailerIndex -= next.consumed;
    }
    if (sawHeader && endIndex < 0) continue;

    let endTrailer = rest.slice(endTrailerIndex);
    const endTrailerLength = type.length + DASHES.length;
    if (endTrailer.length < endTrailerLength) continue;
    const restOfEndLine = endTrailer.slice(endTrailerLength);
    endTrailer = endTrailer.slice(0, endTrailerLength);
    if (!endTrailer.startsWith(type) || !endTrailer.endsWith(DASHES)) continue;
    if (getLine(restOfEndLine).line.length !== 0) continue;

    let bytes: Buffer = Buffer.alloc(0);
    if (endIndex > 0) {
      const decoded = decodeBase64(rest.slice(0, endIndex).replace(/[ \t]/g, ''));
      if (!decoded) continue;
      bytes = decoded;
    }
    return { block: { type, headers, bytes }, rest: getLine(rest.slice(endIndex + END.length - 1)).rest };
  }
}

/** A block written back out the one way OpenSSL reads without surprises. */
export function encodePem(type: string, bytes: Buffer): string {
  const lines = bytes.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}
