import { goParseIP } from './certificates.js';

/**
 * What Go's crypto/tls offers as a client by default, which is what Traefik offers a backend
 * (Traefik v3.7.9 builds with go 1.26.0 in go.mod, so Go 1.26's GODEBUG defaults apply).
 *
 * Read in Go 1.26's crypto/tls (defaults.go, cipher_suites.go, common.go):
 * - Versions: TLS 1.2 minimum (config.go), TLS 1.3 maximum.
 * - TLS 1.2 suites: cipherSuitesPreferenceOrder minus disabledCipherSuites (CBC-SHA256, RC4),
 *   minus rsaKexCiphers (tlsrsakex, off since 1.22) and tdesCiphers (tls3des, off since 1.23).
 *   That leaves ECDHE with AES-GCM, ChaCha20-Poly1305 and AES-CBC-SHA, ECDSA and RSA; no DHE at all.
 * - TLS 1.3 suites: all three.
 * - Groups: X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024 (tlssecpmlkem, new in 1.26),
 *   X25519, P-256, P-384, P-521. No X448 and no ffdhe. Node 20's OpenSSL 3.0 has no ML-KEM, so the
 *   probe offers the four classic groups; every backend that takes a hybrid also takes X25519 or P-256.
 * - Signature algorithms: PSS, ECDSA with its curve's hash, Ed25519, PKCS#1 with SHA-256/384/512.
 *   SHA-1 is off in TLS 1.2 since Go 1.25 (tlssha1), and PKCS#1 is never used in TLS 1.3.
 * - No ALPN, no session resumption cache.
 */
const TLS12_SUITES = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
];
const TLS13_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const GROUPS = ['X25519', 'P-256', 'P-384', 'P-521'];
const SIGNATURE_ALGORITHMS = [
  'rsa_pss_rsae_sha256',
  'ecdsa_secp256r1_sha256',
  'ed25519',
  'rsa_pss_rsae_sha384',
  'rsa_pss_rsae_sha512',
  'rsa_pkcs1_sha256',
  'rsa_pkcs1_sha384',
  'rsa_pkcs1_sha512',
  'ecdsa_secp384r1_sha384',
  'ecdsa_secp521r1_sha512',
];

export const GO_TLS12_SUITES = TLS12_SUITES.join(':');
export const GO_TLS13_SUITES = TLS13_SUITES.join(':');
export const GO_GROUPS = GROUPS.join(':');
export const GO_SIGNATURE_ALGORITHMS = SIGNATURE_ALGORITHMS.join(':');

/** The options that make Node's ClientHello offer what Go's does; spread into every client context. */
export const GO_CLIENT_OFFER = {
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  ciphers: `${GO_TLS13_SUITES}:${GO_TLS12_SUITES}`,
  ecdhCurve: GO_GROUPS,
  sigalgs: GO_SIGNATURE_ALGORITHMS,
} as const;

/** The offer in words, for a backend that accepts none of it. */
export const GO_OFFER_IN_WORDS =
  'TLS 1.2 or 1.3; for TLS 1.2 only ECDHE suites with AES-GCM, ChaCha20-Poly1305 or AES-CBC-SHA; groups X25519, P-256, P-384 or P-521';

/** Go's hostnameInSNI: no SNI for an empty name or an IP literal (brackets and zone allowed); trailing dots dropped. */
export function hostnameInSNI(name: string): string | undefined {
  let host = name;
  if (host.length > 0 && host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const zone = host.lastIndexOf('%');
  if (zone > 0) host = host.slice(0, zone);
  if (goParseIP(host)) return undefined;
  const stripped = name.replace(/\.+$/, '');
  return stripped === '' ? undefined : stripped;
}
