import { isIP } from 'node:net';

/**
 * The inet_aton spellings getaddrinfo accepts for IPv4 (`2130706433`, `0x7f.1`, `127.1`,
 * `017700000001`): one to four parts in decimal, octal (leading 0) or hex (0x), the last part
 * filling the remaining bytes. Returns the dotted-quad form, or undefined when it is not one.
 */
export function parseLooseIPv4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = part.length === 1 ? 0 : parseInt(part.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = parseInt(part, 10);
    else return undefined;
    if (!Number.isSafeInteger(value)) return undefined;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255)) return undefined;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return undefined;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes.join('.');
}

/** The eight 16-bit groups of an IPv6 literal (zone removed), or undefined. */
export function ipv6Groups(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const q = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((q[0]! << 8) | q[1]!).toString(16)}:${((q[2]! << 8) | q[3]!).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array<string>(8 - headParts.length - tailParts.length).fill('0');
  const groups = [...headParts, ...fill, ...tailParts].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

function formatIPv6(groups: number[]): string {
  // RFC 5952: the longest run (of two or more) of zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** One canonical spelling per address: dotted quad for IPv4, RFC 5952 for IPv6; undefined if not an IP. */
export function canonicalIp(text: string): string | undefined {
  const family = isIP(text);
  if (family === 4) return text.split('.').map(Number).join('.');
  if (family === 6) {
    const groups = ipv6Groups(text);
    return groups ? formatIPv6(groups) : undefined;
  }
  return undefined;
}

/**
 * The IPv4 address an IPv6 one carries, so a deny rule for 127.0.0.1 also catches `::ffff:127.0.0.1`
 * (IPv4-mapped), `64:ff9b::7f00:1` (NAT64 well-known prefix) and `::127.0.0.1` (IPv4-compatible).
 */
export function embeddedIPv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (!groups) return undefined;
  const low = `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroUpTo(5) && groups[5] === 0xffff) return low;
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return low;
  // ::/96 minus :: and ::1, which are their own IPv6 meanings.
  if (zeroUpTo(6) && (groups[6]! !== 0 || groups[7]! > 1)) return low;
  return undefined;
}
