import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendCertificates } from './backends.js';
import type { KeyPair } from './certificates.js';

/** File names under the certificates directory; `<name>.crt` and `<name>.key` for each pair. */
const PAIRS = {
  server: 'backend',
  spiffe: 'spiffe-backend',
  expired: 'expired-backend',
  wrongHost: 'wrong-host-backend',
} as const satisfies Record<Exclude<keyof BackendCertificates, 'ca'>, string>;
const CA_FILE = 'ca.crt';

function writeFile(path: string, text: string, mode: number): void {
  writeFileSync(path, text, { mode });
  // An existing file keeps its old mode on write; a private key must not stay readable to others.
  chmodSync(path, mode);
}

/**
 * Writes the backends' certificates and keys to `dir` so demo backends in another process (or
 * container) present the same certificates the cluster's Secrets and ConfigMaps hold.
 */
export function writeBackendCertificates(dir: string, certs: BackendCertificates): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFile(join(dir, CA_FILE), certs.ca, 0o644);
  for (const [field, name] of Object.entries(PAIRS) as [keyof typeof PAIRS, string][]) {
    writeFile(join(dir, `${name}.crt`), certs[field].certPem, 0o644);
    writeFile(join(dir, `${name}.key`), certs[field].keyPem, 0o600);
  }
}

function readPem(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new Error(
      `${join(dir, file)} ${why}: write the demo certificates there first with "dialtone demo-manifests --certs-out ${dir}"`,
      { cause: error },
    );
  }
}

/** Reads what writeBackendCertificates wrote. */
export function readBackendCertificates(dir: string): BackendCertificates {
  const pair = (name: string): KeyPair => ({
    certPem: readPem(dir, `${name}.crt`),
    keyPem: readPem(dir, `${name}.key`),
  });
  return {
    ca: readPem(dir, CA_FILE),
    server: pair(PAIRS.server),
    spiffe: pair(PAIRS.spiffe),
    expired: pair(PAIRS.expired),
    wrongHost: pair(PAIRS.wrongHost),
  };
}
