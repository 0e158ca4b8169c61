import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { DetailedPeerCertificate } from 'node:tls';
import type { ProbeCertificate } from '@dialtone/shared';
import { canonicalIp } from './ipAddress.js';
import { printable } from './targetAddress.js';

/** Bounds on what a backend can make us return: the chain, SANs and every string. */
export const MAX_CHAIN = 5;
export const MAX_SANS = 100;
export const MAX_TEXT = 256;

const DAY_MS = 86_400_000;

/**
 * Node's `subjectAltName` text: `DNS:a, IP Address:1.2.3.4, URI:spiffe://x`, where a value with
 * special characters is a JSON string. Yields `{ type, value }` without trusting the content.
 */
export function parseSubjectAltName(text: string | undefined): { type: string; value: string }[] {
  if (!text) return [];
  const out: { type: string; value: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(':', i);
    if (colon === -1) break;
    const type = text.slice(i, colon).trim();
    let value: string;
    let next: number;
    if (text[colon + 1] === '"') {
      let j = colon + 2;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      try {
        value = JSON.parse(text.slice(colon + 1, j + 1)) as string;
      } catch {
        value = text.slice(colon + 2, j);
      }
      next = text.indexOf(', ', j + 1);
    } else {
      next = text.indexOf(', ', colon + 1);
      value = text.slice(colon + 1, next === -1 ? undefined : next);
    }
    out.push({ type, value });
    if (next === -1) break;
    i = next + 2;
  }
  return out;
}

export function uriSans(cert: X509Certificate): string[] {
  return parseSubjectAltName(cert.subjectAltName)
    .filter((s) => s.type === 'URI')
    .map((s) => s.value);
}

export function dnsSans(cert: X509Certificate): string[] {
  return parseSubjectAltName(cert.subjectAltName)
    .filter((s) => s.type === 'DNS')
    .map((s) => s.value);
}

/** Go's net.ParseIP: an IPv4 or IPv6 literal without a zone, in one canonical spelling. */
export function goParseIP(text: string): string | undefined {
  if (text.includes('%') || isIP(text) === 0) return undefined;
  const canonical = canonicalIp(text);
  // net.IP.Equal treats an IPv4-mapped IPv6 address as the IPv4 one.
  return canonical?.startsWith('::ffff:') && isIP(canonical.slice(7)) === 4 ? canonical.slice(7) : canonical;
}

function ipSans(cert: X509Certificate): string[] {
  return parseSubjectAltName(cert.subjectAltName)
    .filter((s) => s.type === 'IP Address')
    .map((s) => goParseIP(s.value) ?? s.value);
}

const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/** crypto/x509 validHostname: labels of [A-Za-z0-9_-], no leading hyphen; a pattern may start with `*.`. */
function validHostname(host: string, isPattern: boolean): boolean {
  const name = isPattern ? host : host.replace(/\.$/, '');
  if (name === '' || name === '*') return false;
  return name
    .split('.')
    .every(
      (label, i) =>
        (isPattern && i === 0 && label === '*') ||
        (label !== '' && /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(label)),
    );
}

function matchHostnames(pattern: string, hostParts: string[]): boolean {
  const parts = asciiLower(pattern).split('.');
  if (pattern === '' || parts.length !== hostParts.length) return false;
  return parts.every((part, i) => (i === 0 && part === '*') || part === hostParts[i]);
}

/**
 * Go's Certificate.VerifyHostname, line for line: an IP literal (brackets allowed) only against IP
 * SANs; anything else, `1.2.3` included, against DNS SANs only (never the common name), ignoring
 * ASCII case and one trailing dot; a wildcard is the whole leftmost label and matches exactly one
 * label, so `*.internal` matches `db.internal`. Invalid names must match a SAN exactly.
 */
export function verifyHostname(cert: X509Certificate, serverName: string): boolean {
  const bracketed = serverName.length >= 3 && serverName.startsWith('[') && serverName.endsWith(']');
  const ip = goParseIP(bracketed ? serverName.slice(1, -1) : serverName);
  if (ip) return ipSans(cert).includes(ip);
  const candidate = asciiLower(serverName);
  const validCandidate = validHostname(candidate, false);
  const hostParts = candidate.replace(/\.$/, '').split('.');
  return dnsSans(cert).some((san) =>
    validCandidate && validHostname(san, true)
      ? matchHostnames(san, hostParts)
      : candidate !== '' && candidate !== '.' && san !== '' && san !== '.' && asciiLower(san) === candidate,
  );
}

function keyType(cert: X509Certificate): string {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return `RSA ${details?.modulusLength ?? '?'}`;
    case 'ec':
      return `ECDSA ${details?.namedCurve ?? ''}`.trim();
    default:
      return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  }
}

function oneLine(name: string): string {
  return printable(name.split('\n').join(', '), MAX_TEXT);
}

const summaries = new Map<string, Omit<ProbeCertificate, 'daysToExpiry'>>();
const SUMMARY_CACHE = 256;

/** The bounded, escaped facts of a certificate; cached by fingerprint since backends present the same ones. */
export function summarize(cert: X509Certificate, now = Date.now()): ProbeCertificate {
  const fingerprint = cert.fingerprint256;
  let summary = summaries.get(fingerprint);
  if (!summary) {
    summary = describe(cert);
    summaries.set(fingerprint, summary);
    if (summaries.size > SUMMARY_CACHE) summaries.delete(summaries.keys().next().value!);
  }
  return { ...summary, daysToExpiry: Math.floor((Date.parse(summary.notAfter) - now) / DAY_MS) };
}

function describe(cert: X509Certificate): Omit<ProbeCertificate, 'daysToExpiry'> {
  const sans = parseSubjectAltName(cert.subjectAltName);
  const notAfter = new Date(cert.validTo);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    sans: sans
      .slice(0, MAX_SANS)
      .map((s) => printable(`${s.type === 'IP Address' ? 'IP' : s.type}:${s.value}`, MAX_TEXT)),
    sansOmitted: Math.max(0, sans.length - MAX_SANS),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    keyType: keyType(cert),
    fingerprintSha256: cert.fingerprint256,
  };
}

/**
 * A verified leaf and its issuers from the trusted pool, leaf first. Cheaper than asking OpenSSL for
 * the detailed chain, which the probe does only when verification fails and the details matter.
 */
export function chainFromPool(leaf: X509Certificate, roots: readonly X509Certificate[]): X509Certificate[] {
  const out = [leaf];
  let current = leaf;
  while (out.length < MAX_CHAIN) {
    const issuer = roots.find((root) => !out.includes(root) && current.checkIssued(root));
    if (!issuer) break;
    out.push(issuer);
    if (issuer.checkIssued(issuer)) break;
    current = issuer;
  }
  return out;
}

/** The chain as OpenSSL built it from what the backend sent, leaf first, at most MAX_CHAIN certificates. */
export function peerChain(peer: DetailedPeerCertificate | undefined): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw && out.length < MAX_CHAIN && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    try {
      out.push(new X509Certificate(current.raw));
    } catch {
      break;
    }
    current = current.issuerCertificate;
  }
  return out;
}
