import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../http/index.js';
import { hmac, safeEqual, type SecurityKeys } from './keys.js';
import type { SessionData } from './session.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRITE_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml'];

/** The token for a session: bound to its id, so it is useless with any other session or after logout. */
export function csrfTokenFor(keys: SecurityKeys, session: SessionData): string {
  return hmac(keys.csrf, `csrf:${session.sid}`);
}

function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.get('origin');
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * Writes must come from the dashboard itself: same-origin by Origin / Sec-Fetch-Site, the
 * session-bound token in X-CSRF-Token, and a JSON or YAML body (an HTML form cannot send those).
 */
export function requireCsrf(keys: SecurityKeys, sessionOf: (res: Response) => SessionData | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!sameOrigin(req)) {
      sendError(
        res,
        403,
        'csrf_failed',
        'This write came from another site and was refused. Use the Dialtone page itself.',
      );
      return;
    }
    const current = sessionOf(res);
    const token = req.get(CSRF_HEADER);
    if (!current || !token || !safeEqual(token, csrfTokenFor(keys, current))) {
      sendError(
        res,
        403,
        'csrf_failed',
        'This write has no valid CSRF token. Reload the page (GET /api/v1/session gives the token) and try again.',
      );
      return;
    }
    const hasBody = (req.get('content-length') ?? '0') !== '0' || req.get('transfer-encoding') !== undefined;
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (hasBody && !WRITE_TYPES.includes(type)) {
      sendError(
        res,
        415,
        'unsupported_media_type',
        `Writes accept JSON or YAML bodies (Content-Type application/json or application/yaml), not "${type || 'none'}".`,
      );
      return;
    }
    next();
  };
}
