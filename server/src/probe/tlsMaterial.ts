import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { LoadedMaterial, SkippedMaterial } from './material.js';

/** How the backend's chain will be verified, as Traefik would build its pool. */
export type TrustMode =
  /** No CA loaded: Go's nil pool means the system roots. */
  | 'system'
  /** CAs loaded: only those. */
  | 'pool'
  /** CAs loaded but none is a PEM certificate: an empty pool that trusts nothing. */
  | 'empty-pool';

export interface PreparedTls {
  trust: TrustMode;
  /** Certificates in the pool. */
  caCount: number;
  /** The pool, parsed, to name the issuers of a verified chain without asking OpenSSL for it again. */
  roots: X509Certificate[];
  /** Subject of the client certificate the probe presents, when one loaded. */
  clientCertificate?: string;
  secureContext: SecureContext;
  /** Items Traefik would load but then drop: non-PEM CA data, key pairs tls.X509KeyPair rejects. */
  dropped: SkippedMaterial[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n([\s\S]*?)-----END CERTIFICATE-----/g;

/** Go's CertPool.AppendCertsFromPEM: CERTIFICATE blocks without headers that parse; the rest is ignored. */
function certificatesFromPem(pem: string): string[] {
  const out: string[] = [];
  for (const match of pem.matchAll(PEM_CERTIFICATE)) {
    if (/^[A-Za-z-]+:/m.test(match[1]!)) continue;
    try {
      new X509Certificate(match[0]);
      out.push(match[0]);
    } catch {
      // Go skips a block that does not parse, so the pool simply lacks it.
    }
  }
  return out;
}

/** tls.X509KeyPair: the first certificate with a matching, unencrypted key; an error message otherwise. */
function checkKeyPair(certPem: string, keyPem: string): { subject: string } | { error: string } {
  const certs = certificatesFromPem(certPem);
  if (certs.length === 0) return { error: 'tls: failed to find any PEM data in certificate input' };
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    return { error: 'tls: failed to parse private key (Go does not read encrypted keys)' };
  }
  const leaf = new X509Certificate(certs[0]!);
  if (!leaf.checkPrivateKey(key)) return { error: 'tls: private key does not match public key' };
  return { subject: leaf.subject.replace(/\n/g, ', ') };
}

const cache = new Map<string, PreparedTls>();
const CACHE_SIZE = 128;

/**
 * Builds the client side of the handshake once per distinct material and reuses it: parsing CAs on
 * every connect costs more than the handshake itself for large bundles.
 */
export function prepareTls(material: LoadedMaterial): PreparedTls {
  const cached = cache.get(material.cacheKey);
  if (cached) {
    cache.delete(material.cacheKey);
    cache.set(material.cacheKey, cached);
    return cached;
  }
  const dropped: SkippedMaterial[] = [];
  const pool: string[] = [];
  for (const ca of material.cas) {
    const certs = certificatesFromPem(ca.pem);
    if (certs.length === 0) {
      dropped.push({
        item: `CA from ${ca.from}`,
        log: "holds no PEM certificate; Go's AppendCertsFromPEM adds nothing from it",
      });
    }
    pool.push(...certs);
  }
  let client: { certPem: string; keyPem: string; subject: string } | undefined;
  for (const pair of material.certificates) {
    const checked = checkKeyPair(pair.certPem, pair.keyPem);
    if ('error' in checked) {
      dropped.push({
        item: `client certificate from ${pair.from}`,
        log: `${checked.error} (Traefik logs this at DEBUG and skips it)`,
      });
      continue;
    }
    // Go offers the first pair that fits the server's request; the probe presents the first that loads.
    client ??= { ...pair, subject: checked.subject };
  }
  const trust: TrustMode = material.cas.length === 0 ? 'system' : pool.length === 0 ? 'empty-pool' : 'pool';
  const secureContext = createSecureContext({
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ...(trust === 'pool' ? { ca: pool } : {}),
    ...(client ? { cert: client.certPem, key: client.keyPem } : {}),
  });
  const prepared: PreparedTls = {
    trust,
    caCount: pool.length,
    roots: trust === 'pool' ? pool.map((pem) => new X509Certificate(pem)) : [],
    secureContext,
    dropped,
    ...(client ? { clientCertificate: client.subject } : {}),
  };
  cache.set(material.cacheKey, prepared);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return prepared;
}
