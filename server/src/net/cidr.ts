import { isIP } from 'node:net';

/** An address as a 128-bit number; IPv4 lives in the IPv4-mapped range (::ffff:a.b.c.d). */
function toBigInt(address: string): bigint | undefined {
  const family = isIP(address);
  if (family === 4) {
    const parts = address.split('.').map(Number);
    return (
      0xffff00000000n + BigInt(((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!)
    );
  }
  if (family !== 6) return undefined;
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  // A trailing dotted quad (::ffff:127.0.0.1) becomes two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = toBigInt(dotted[1]!)! - 0xffff00000000n;
    text = text.slice(0, -dotted[1]!.length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headParts.length - tailParts.length;
  const parts =
    tail === undefined ? headParts : [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  let value = 0n;
  for (const part of parts) value = (value << 16n) + BigInt(parseInt(part, 16));
  return value;
}

export interface Cidr {
  text: string;
  base: bigint;
  bits: number;
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a single address; undefined when it is not one. */
export function parseCidrRange(text: string): Cidr | undefined {
  const [address = '', prefix, ...rest] = text.split('/');
  if (rest.length > 0) return undefined;
  const family = isIP(address);
  if (family === 0) return undefined;
  const max = family === 4 ? 32 : 128;
  const length = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(length >= 0 && length <= max)) return undefined;
  const bits = family === 4 ? 96 + length : length;
  const base = toBigInt(address)!;
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
  return { text, base: base & mask, bits };
}

/** True when `address` (IPv4, IPv6 or IPv4-mapped IPv6) lies in `range`. */
export function cidrContains(range: Cidr, address: string): boolean {
  const value = toBigInt(address);
  if (value === undefined) return false;
  const mask = range.bits === 0 ? 0n : ((1n << BigInt(range.bits)) - 1n) << BigInt(128 - range.bits);
  return (value & mask) === range.base;
}
