import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { GO_CLIENT_OFFER } from './goTls.js';
import type { LoadedMaterial, SkippedMaterial } from './material.js';
import { decodePem, encodePem } from './pem.js';

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
  /** Subjects of every client certificate that loaded, in Traefik's order. */
  clientCertificates: string[];
  /** Presents the first client certificate, if any. */
  secureContext: SecureContext;
  /** The same trust presenting client certificate `index` instead, made on first use. */
  contextForClient(index: number): SecureContext;
  /** Items Traefik would load but then drop: non-PEM CA data, key pairs tls.X509KeyPair rejects. */
  dropped: SkippedMaterial[];
}

/** Go's CertPool.AppendCertsFromPEM: CERTIFICATE blocks without headers that parse; the rest is ignored. */
function certificatesFromPem(pem: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const block of decodePem(pem)) {
    if (block.type !== 'CERTIFICATE' || Object.keys(block.headers).length > 0) continue;
    try {
      out.push(new X509Certificate(block.bytes));
    } catch {
      // Go skips a block that does not parse, so the pool simply lacks it.
    }
  }
  return out;
}

/** tls.X509KeyPair: every CERTIFICATE block, the first PRIVATE KEY block, which must match the leaf. */
function checkKeyPair(
  certPem: string,
  keyPem: string,
): { subject: string; certPem: string; keyPem: string } | { error: string } {
  const blocks = decodePem(certPem).filter((b) => b.type === 'CERTIFICATE');
  if (blocks.length === 0) return { error: 'tls: failed to find any PEM data in certificate input' };
  const keyBlock = decodePem(keyPem).find((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'));
  if (!keyBlock) return { error: 'tls: failed to find any PEM data in key input' };
  let key;
  let leaf;
  try {
    leaf = new X509Certificate(blocks[0]!.bytes);
  } catch {
    return { error: 'tls: failed to parse certificate' };
  }
  try {
    key = createPrivateKey(encodePem(keyBlock.type, keyBlock.bytes));
  } catch {
    return { error: 'tls: failed to parse private key (Go does not read encrypted keys)' };
  }
  if (!leaf.checkPrivateKey(key)) return { error: 'tls: private key does not match public key' };
  return {
    subject: leaf.subject.replace(/\n/g, ', '),
    certPem: blocks.map((b) => encodePem('CERTIFICATE', b.bytes)).join(''),
    keyPem: encodePem(keyBlock.type, keyBlock.bytes),
  };
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
  const pool: X509Certificate[] = [];
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
  const clients: { certPem: string; keyPem: string; subject: string }[] = [];
  for (const pair of material.certificates) {
    const checked = checkKeyPair(pair.certPem, pair.keyPem);
    if ('error' in checked) {
      dropped.push({
        item: `client certificate from ${pair.from}`,
        log: `${checked.error} (Traefik logs this at DEBUG and skips it)`,
      });
      continue;
    }
    clients.push(checked);
  }
  // Go picks, per handshake, the first pair that fits the server's CertificateRequest; Node cannot
  // see that request, so the probe presents the first pair that loads, and the others on request.
  const client = clients[0];
  const trust: TrustMode = material.cas.length === 0 ? 'system' : pool.length === 0 ? 'empty-pool' : 'pool';
  const contextFor = (pair: { certPem: string; keyPem: string } | undefined) =>
    createSecureContext({
      ...GO_CLIENT_OFFER,
      // Go trusts every certificate in RootCAs as an anchor: an intermediate, or the pinned leaf itself.
      ...(trust === 'pool' ? { ca: pool.map((c) => c.toString()), allowPartialTrustChain: true } : {}),
      ...(pair ? { cert: pair.certPem, key: pair.keyPem } : {}),
    });
  const secureContext = contextFor(client);
  const contexts = new Map<number, SecureContext>([[0, secureContext]]);
  const prepared: PreparedTls = {
    trust,
    caCount: pool.length,
    roots: trust === 'pool' ? pool : [],
    secureContext,
    contextForClient: (index) => {
      let context = contexts.get(index);
      if (!context) contexts.set(index, (context = contextFor(clients[index])));
      return context;
    },
    dropped,
    clientCertificates: clients.map((c) => c.subject),
    ...(client ? { clientCertificate: client.subject } : {}),
  };
  cache.set(material.cacheKey, prepared);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return prepared;
}
