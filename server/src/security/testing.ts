import { csrfTokenFor } from './csrf.js';
import { deriveKeys, type SecurityKeys } from './keys.js';
import { seal } from './sealedCookie.js';
import { newSession, SESSION_COOKIE } from './session.js';

/** Fixed keys for test servers, so a session made once is accepted by every one of them. */
export const TEST_KEYS: SecurityKeys = deriveKeys(Buffer.alloc(32, 11), true);

/**
 * The cookie and CSRF header of a fresh anonymous session, sealed as `GET /session` would seal it.
 * The session is new at each call, so it never idles out during a test.
 */
export function testSessionHeaders(keys: SecurityKeys = TEST_KEYS): Record<string, string> {
  const session = newSession();
  return {
    cookie: `${SESSION_COOKIE}=${seal(keys.sealing, session)}`,
    'x-csrf-token': csrfTokenFor(keys, session),
  };
}
