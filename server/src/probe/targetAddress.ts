import { isIP } from 'node:net';
import { canonicalIp, parseLooseIPv4 } from './ipAddress.js';

/** A target the request itself gets wrong; the route answers 400 and nothing is dialled. */
export class InvalidTargetError extends Error {
  override readonly name = 'InvalidTargetError';
}

export interface HostPort {
  /** A canonical IP literal, or a lower-case DNS name. */
  host: string;
  port: number;
  isIp: boolean;
}

const DNS_NAME =
  /^(?=.{1,253}\.?$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

export function parsePort(text: string | number): number {
  const value = typeof text === 'number' ? text : /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new InvalidTargetError(`The port "${String(text).slice(0, 20)}" is not a number from 1 to 65535.`);
  }
  return value;
}

/**
 * A host as written by a user: IPv4 in any spelling getaddrinfo would accept becomes its dotted
 * quad, so the policy sees the address that would be dialled and not a disguise of it.
 */
export function parseHost(text: string): { host: string; isIp: boolean } {
  if (text === '') throw new InvalidTargetError('The host is empty.');
  if (text.includes('%')) throw new InvalidTargetError('IPv6 zone identifiers are not accepted.');
  const literal = canonicalIp(text);
  if (literal) return { host: literal, isIp: true };
  const loose = parseLooseIPv4(text);
  if (loose && isIP(loose) === 4) return { host: loose, isIp: true };
  const name = text.toLowerCase();
  if (!DNS_NAME.test(name) || /^[0-9.]+$/.test(name)) {
    throw new InvalidTargetError(
      `"${printable(text)}" is neither an IP address nor a DNS name. Write host:port, e.g. 10.1.2.3:8443 or db.demo.svc:5432.`,
    );
  }
  return { host: name, isIp: false };
}

/** Parses `host:port` or `[v6]:port`. No user info, paths, schemes, whitespace or socket paths. */
export function parseAddress(text: string): HostPort {
  if (typeof text !== 'string' || text.length === 0 || text.length > 300) {
    throw new InvalidTargetError('An address must be host:port, at most 300 characters.');
  }
  if (/[\s\p{Cc}@/\\?#]/u.test(text)) {
    throw new InvalidTargetError(
      `"${printable(text)}" has characters an address cannot have (whitespace, control characters, @ / \\ ? #). Write host:port.`,
    );
  }
  let hostText: string;
  let portText: string;
  const bracketed = /^\[([^\]]+)\]:([^:]*)$/.exec(text);
  if (bracketed) {
    hostText = bracketed[1]!;
    portText = bracketed[2]!;
    if (isIP(hostText) !== 6)
      throw new InvalidTargetError(`"[${printable(hostText)}]" is not an IPv6 address.`);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon === -1) throw new InvalidTargetError(`"${printable(text)}" has no port. Write host:port.`);
    hostText = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (hostText.includes(':')) {
      throw new InvalidTargetError(
        `Put an IPv6 address in brackets: [${printable(hostText)}]:${printable(portText)}.`,
      );
    }
  }
  const port = parsePort(portText);
  return { ...parseHost(hostText), port };
}

/** An address for a message: `host:port`, IPv6 bracketed. */
export function joinHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Untrusted text made safe to print: control, format (bidi, zero-width) and line-separator characters shown as \u escapes, length bounded. */
export function printable(text: string, max = 120): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
