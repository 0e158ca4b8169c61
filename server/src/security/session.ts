import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SecurityKeys } from './keys.js';
import { seal, unseal } from './sealedCookie.js';

export const SESSION_COOKIE = 'dialtone_session';
/** Token sessions end after this long; the user logs in again. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** A session unused for this long is over, whatever its lifetime says. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** How stale the last-seen time may get before a request writes a fresh cookie. */
const SEEN_REFRESH_MS = 60 * 1000;

export interface SessionData {
  /** Random session id; CSRF tokens are bound to it. */
  sid: string;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
  /** Last request with this session, milliseconds since the epoch; bounds idle time. */
  seen: number;
  /** Bearer token of a `--auth token` session. Only ever inside the sealed cookie. */
  token?: string;
  user?: string;
  groups?: string[];
  /** The cluster the token was checked against; it is sent to no other. */
  cluster?: string;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

function isSessionData(value: unknown): value is SessionData {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<SessionData>;
  return typeof v.sid === 'string' && typeof v.exp === 'number' && typeof v.seen === 'number';
}

/** Whether a request now should carry a fresh last-seen time, so an active session does not idle out. */
export function needsRefresh(session: SessionData, now = Date.now()): boolean {
  return now - session.seen > SEEN_REFRESH_MS;
}

export function readSession(req: Request, keys: SecurityKeys, now = Date.now()): SessionData | undefined {
  const sealed = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (!sealed) return undefined;
  const value = unseal(keys.sealing, sealed);
  if (!isSessionData(value) || value.exp <= now || now - value.seen >= SESSION_IDLE_MS) return undefined;
  return value;
}

export function newSession(
  extra: Omit<SessionData, 'sid' | 'exp' | 'seen'> = {},
  now = Date.now(),
): SessionData {
  return { sid: randomBytes(18).toString('base64url'), exp: now + SESSION_LIFETIME_MS, seen: now, ...extra };
}

export interface CookieOptions {
  /** Add `Secure`: the dashboard is served over https, directly or behind a proxy. */
  secure: boolean;
}

export function writeSession(
  res: Response,
  keys: SecurityKeys,
  session: SessionData,
  options: CookieOptions,
): void {
  const maxAge = Math.max(0, Math.floor((session.exp - Date.now()) / 1000));
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`];
  if (options.secure) attributes.push('Secure');
  res.append('Set-Cookie', `${SESSION_COOKIE}=${seal(keys.sealing, session)}; ${attributes.join('; ')}`);
}

export function clearSession(res: Response, options: CookieOptions): void {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
  if (options.secure) attributes.push('Secure');
  res.append('Set-Cookie', `${SESSION_COOKIE}=; ${attributes.join('; ')}`);
}
