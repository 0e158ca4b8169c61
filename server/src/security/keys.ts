import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys derived from one secret: one to seal session cookies, one to sign CSRF tokens. */
export interface SecurityKeys {
  sealing: Buffer;
  csrf: Buffer;
  /** False when the secret was generated at start: sessions do not survive a restart or span replicas. */
  shared: boolean;
}

export const SESSION_KEY_ENV = 'DIALTONE_SESSION_KEY';

export class SessionKeyError extends Error {
  override readonly name = 'SessionKeyError';
}

/**
 * Reads the secret from DIALTONE_SESSION_KEY (at least 32 bytes, as base64 or hex, or raw text of
 * 32+ characters). Every replica given the same secret accepts the same sessions and CSRF tokens.
 */
export function loadSecurityKeys(env: NodeJS.ProcessEnv): SecurityKeys {
  const raw = env[SESSION_KEY_ENV];
  if (raw === undefined || raw === '') return deriveKeys(randomBytes(32), false);
  let secret: Buffer;
  if (/^[0-9a-f]+$/i.test(raw) && raw.length % 2 === 0) secret = Buffer.from(raw, 'hex');
  else if (/^[A-Za-z0-9+/_-]+=*$/.test(raw)) secret = Buffer.from(raw, 'base64');
  else secret = Buffer.from(raw, 'utf8');
  if (secret.length < 32) {
    throw new SessionKeyError(
      `${SESSION_KEY_ENV} holds ${secret.length} bytes; give at least 32, e.g. the output of "openssl rand -base64 32".`,
    );
  }
  return deriveKeys(secret, true);
}

export function deriveKeys(secret: Buffer, shared: boolean): SecurityKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  return { sealing: derive('dialtone session cookie v1'), csrf: derive('dialtone csrf token v1'), shared };
}

export function hmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
