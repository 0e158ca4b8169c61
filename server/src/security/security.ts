import type { AuthMode, LoginRequest, SessionResponse } from '@dialtone/shared';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { sendError } from '../http/index.js';
import { identityKey, type Identity } from '../identity/index.js';
import { cidrContains, type Cidr } from '../net/index.js';
import { csrfTokenFor, requireCsrf } from './csrf.js';
import type { SecurityKeys } from './keys.js';
import { forwardedIdentity, stripIdentityHeaders } from './proxyHeaders.js';
import { DEFAULT_WRITE_LIMIT, limitWrites, type RateLimitOptions } from './rateLimit.js';
import { clearSession, newSession, readSession, writeSession, type SessionData } from './session.js';

export type TokenCheck =
  { ok: true; user: string; groups: string[] } | { ok: false; status: 401 | 503; message: string };

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
}

const LOCAL: Identity = { kind: 'local' };

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
}

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
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    const s = state(res);
    s.session = readSession(req, options.keys);
    if (options.mode === 'proxy') {
      const remote = req.socket.remoteAddress ?? '';
      const trusted = (options.trustedProxies ?? []).some((range) => cidrContains(range, remote));
      const forwarded = trusted ? forwardedIdentity(req, userHeader, groupsHeader) : undefined;
      if (forwarded) {
        s.identity = { kind: 'impersonate', user: forwarded.user, groups: forwarded.groups };
        s.user = { name: forwarded.user, groups: forwarded.groups };
      }
    } else if (options.mode === 'token') {
      if (s.session?.token) {
        s.identity = {
          kind: 'token',
          token: s.session.token,
          ...(s.session.user ? { user: s.session.user } : {}),
        };
        s.user = { name: s.session.user ?? 'unknown', groups: s.session.groups ?? [] };
        clearSessionOnUnauthorized(res, cookieOptions);
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
    const source = options.clusterSource?.();
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
      const body = req.body as Partial<LoginRequest> | undefined;
      const token = typeof body?.token === 'string' ? body.token.trim() : '';
      if (token === '' || token.length > 16_384 || /\s/.test(token)) {
        sendError(
          res,
          400,
          'bad_request',
          'Send {"token": "<bearer token>"} with a Kubernetes bearer token.',
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
      const session = newSession({ token, user: check.user, groups: check.groups });
      writeSession(res, options.keys, session, cookieOptions);
      const s = state(res);
      s.session = session;
      s.identity = { kind: 'token', token, user: check.user };
      s.user = { name: check.user, groups: check.groups };
      res.json(describe(res, session));
    } catch (error) {
      next(error);
    }
  });

  router.delete('/session', (_req, res) => {
    clearSession(res, cookieOptions);
    const s = state(res);
    delete s.identity;
    delete s.user;
    const session = newSession();
    writeSession(res, options.keys, session, cookieOptions);
    res.json(describe(res, session));
  });

  router.use((_req, res, next) => {
    if (state(res).identity) return next();
    const message =
      options.mode === 'proxy'
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
