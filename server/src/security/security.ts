import type { AuthMode, LoginRequest, SessionResponse } from '@dialtone/shared';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { sendError } from '../http/index.js';
import { identityKey, type Identity } from '../identity/index.js';
import { cidrContains, type Cidr } from '../net/index.js';
import { csrfTokenFor, requireCsrf } from './csrf.js';
import type { SecurityKeys } from './keys.js';
import { forwardedIdentity, stripIdentityHeaders } from './proxyHeaders.js';
import {
  DEFAULT_LOGIN_LIMIT,
  DEFAULT_WRITE_LIMIT,
  limitWrites,
  refuseRate,
  tokenBuckets,
  type RateLimitOptions,
} from './rateLimit.js';
import { RevokedSessions } from './revocation.js';
import {
  clearSession,
  needsRefresh,
  newSession,
  readSession,
  SESSION_IDLE_MS,
  writeSession,
  type SessionData,
} from './session.js';

/** On success, `cluster` names the cluster that accepted the token: the only one it will be sent to. */
export type TokenCheck =
  | { ok: true; user: string; groups: string[]; cluster: string }
  | { ok: false; status: 401 | 503; message: string };

export interface SecurityOptions {
  mode: AuthMode;
  keys: SecurityKeys;
  /** Send cookies with `Secure` (served over https, directly or behind a proxy). */
  secureCookies: boolean;
  /** `--auth proxy`: only these addresses may assert a user. */
  trustedProxies?: readonly Cidr[];
  userHeader?: string;
  groupsHeader?: string;
  /** `--auth token`: asks the cluster who the token belongs to. */
  verifyToken?: (token: string, cluster: string | undefined) => Promise<TokenCheck>;
  /** Shown as the user in local mode (the kubeconfig's user). */
  localUser?: string;
  /** Plain words on where the clusters come from, for GET /session. */
  clusterSource?: () => string;
  writeLimit?: RateLimitOptions;
  /** Login attempts per client address. */
  loginLimit?: RateLimitOptions;
}

const LOCAL: Identity = { kind: 'local' };

/** When a session would end on its own: its lifetime, or its idle timeout from its last use. */
function sessionEnd(session: SessionData): number {
  return Math.min(session.exp, session.seen + SESSION_IDLE_MS);
}

/**
 * When the cluster stops accepting a session's token (revoked, expired), the answer is a 401; the
 * sealed cookie that carries the token is cleared with it, so the browser asks for a new login
 * instead of sending a dead token again and again.
 */
function clearSessionOnUnauthorized(res: Response, cookieOptions: { secure: boolean }): void {
  const json = res.json.bind(res);
  res.json = ((body: unknown) => {
    if (res.statusCode === 401) clearSession(res, cookieOptions);
    return json(body);
  }) as Response['json'];
}

interface RequestState {
  session?: SessionData;
  identity?: Identity;
  user?: { name: string; groups: string[] };
  /** Set when a token session asks for a cluster other than the one its token was checked against. */
  otherCluster?: { wanted: string; loggedIn: string };
}

/** The cluster an `/api/v1` path is about, if any. */
function clusterInPath(path: string): string | undefined {
  const match = /^\/clusters\/([^/]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

// Bearer tokens are token68 text; anything outside visible ASCII cannot go into an HTTP header.
const TOKEN_TEXT = /^[\x21-\x7e]{1,16384}$/;

function state(res: Response): RequestState {
  return res.locals as RequestState;
}

/**
 * Authentication, CSRF and write limits for `/api/v1`, and the session routes. Sets
 * `res.locals.identity` for every authenticated request; in token and proxy mode a request that
 * cannot be tied to a user gets 401 and is never served with the server's own rights.
 */
export function createSecurity(options: SecurityOptions): { router: Router } {
  const userHeader = (options.userHeader ?? 'x-forwarded-user').toLowerCase();
  const groupsHeader = (options.groupsHeader ?? 'x-forwarded-groups').toLowerCase();
  const cookieOptions = { secure: options.secureCookies };
  const revoked = new RevokedSessions();
  const loginAttempts = tokenBuckets(options.loginLimit ?? DEFAULT_LOGIN_LIMIT);
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    const s = state(res);
    const read = readSession(req, options.keys);
    s.session = read && !revoked.has(read.sid) ? read : undefined;
    if (s.session && needsRefresh(s.session)) {
      s.session = { ...s.session, seen: Date.now() };
      writeSession(res, options.keys, s.session, cookieOptions);
    }
    if (options.mode === 'proxy') {
      const remote = req.socket.remoteAddress ?? '';
      const trusted = (options.trustedProxies ?? []).some((range) => cidrContains(range, remote));
      const forwarded = trusted ? forwardedIdentity(req, userHeader, groupsHeader) : undefined;
      if (forwarded) {
        s.identity = { kind: 'impersonate', user: forwarded.user, groups: forwarded.groups };
        s.user = { name: forwarded.user, groups: forwarded.groups };
      }
    } else if (options.mode === 'token') {
      const wanted = clusterInPath(req.path);
      if (s.session?.token && s.session.cluster !== undefined) {
        if (wanted !== undefined && wanted !== s.session.cluster) {
          s.otherCluster = { wanted, loggedIn: s.session.cluster };
        } else {
          s.identity = {
            kind: 'token',
            token: s.session.token,
            cluster: s.session.cluster,
            ...(s.session.user ? { user: s.session.user } : {}),
          };
          s.user = { name: s.session.user ?? 'unknown', groups: s.session.groups ?? [] };
          clearSessionOnUnauthorized(res, cookieOptions);
        }
      }
    } else {
      s.identity = LOCAL;
      if (options.localUser) s.user = { name: options.localUser, groups: [] };
    }
    stripIdentityHeaders(req, [userHeader, groupsHeader]);
    next();
  });

  router.use(requireCsrf(options.keys, (res) => state(res).session));

  const describe = (res: Response, session: SessionData): SessionResponse => {
    const s = state(res);
    const body: SessionResponse = {
      authenticated: s.identity !== undefined,
      authMode: options.mode,
      csrfToken: csrfTokenFor(options.keys, session),
    };
    if (s.user) body.user = s.user;
    if (s.identity?.kind === 'token') body.cluster = s.identity.cluster;
    // Where the clusters come from names a kubeconfig path: for the signed-in, or for the one local user.
    const source = s.identity || options.mode === 'local' ? options.clusterSource?.() : undefined;
    if (source) body.clusterSource = source;
    return body;
  };

  router.get('/session', (_req, res) => {
    const s = state(res);
    if (!s.session) {
      s.session = newSession();
      writeSession(res, options.keys, s.session, cookieOptions);
    }
    res.json(describe(res, s.session));
  });

  router.post('/session', express.json({ limit: '16kb' }), async (req, res, next) => {
    try {
      if (options.mode !== 'token' || !options.verifyToken) {
        sendError(
          res,
          400,
          'bad_request',
          `Logging in with a token is only possible with --auth token; this server uses --auth ${options.mode}.`,
        );
        return;
      }
      const address = req.socket.remoteAddress ?? '';
      if (refuseRate(res, loginAttempts(address), 'Too many login attempts from this address.')) return;
      const body = req.body as Partial<LoginRequest> | undefined;
      const token = typeof body?.token === 'string' ? body.token.trim() : '';
      if (!TOKEN_TEXT.test(token)) {
        sendError(
          res,
          400,
          'bad_request',
          'Send {"token": "<bearer token>"} with a Kubernetes bearer token: visible ASCII, no spaces or control characters.',
        );
        return;
      }
      const check = await options.verifyToken(
        token,
        typeof body?.cluster === 'string' ? body.cluster : undefined,
      );
      if (!check.ok) {
        clearSession(res, cookieOptions);
        sendError(
          res,
          check.status,
          check.status === 401 ? 'unauthorized' : 'cluster_unreachable',
          check.message,
        );
        return;
      }
      // A new session id at login, so a session id planted before login is worthless afterwards.
      const s = state(res);
      if (s.session) revoked.revoke(s.session.sid, sessionEnd(s.session));
      const session = newSession({ token, user: check.user, groups: check.groups, cluster: check.cluster });
      writeSession(res, options.keys, session, cookieOptions);
      s.session = session;
      s.identity = { kind: 'token', token, cluster: check.cluster, user: check.user };
      s.user = { name: check.user, groups: check.groups };
      res.json(describe(res, session));
    } catch (error) {
      next(error);
    }
  });

  router.delete('/session', (_req, res) => {
    clearSession(res, cookieOptions);
    const s = state(res);
    // The sealed cookie stays readable wherever it was copied; remembering its id is what ends it.
    if (s.session) revoked.revoke(s.session.sid, sessionEnd(s.session));
    delete s.identity;
    delete s.user;
    const session = newSession();
    writeSession(res, options.keys, session, cookieOptions);
    res.json(describe(res, session));
  });

  router.use((_req, res, next) => {
    const s = state(res);
    if (s.identity) return next();
    const message = s.otherCluster
      ? `You are logged in to cluster ${s.otherCluster.loggedIn}; your token is not sent to ${s.otherCluster.wanted}. ` +
        `Log in to ${s.otherCluster.wanted} with a token it accepts (POST /api/v1/session with "cluster": "${s.otherCluster.wanted}").`
      : options.mode === 'proxy'
        ? 'This server trusts only its authenticating proxy, and the request did not come through it with a user.'
        : 'Log in with a Kubernetes bearer token first (POST /api/v1/session).';
    sendError(res, 401, 'unauthorized', message);
  });

  router.use(
    limitWrites((req, res) => {
      const identity = state(res).identity;
      return identity ? identityKey(identity) : `ip:${req.socket.remoteAddress ?? ''}`;
    }, options.writeLimit ?? DEFAULT_WRITE_LIMIT),
  );

  return { router };
}
