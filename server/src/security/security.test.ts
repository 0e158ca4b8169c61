import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SessionResponse } from '@dialtone/shared';
import { Router, type Request, type Response } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, listen, stopServer } from '../http/index.js';
import { parseCidrRange } from '../net/index.js';
import { createSecurity, deriveKeys, loadSecurityKeys, type SecurityOptions } from './index.js';
import { seal } from './sealedCookie.js';
import { newSession, SESSION_COOKIE, SESSION_IDLE_MS } from './session.js';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => stopServer(s)));
});

/** A real Dialtone app with the security layer and one write route that reports who it ran as. */
async function start(options: Partial<SecurityOptions> = {}): Promise<string> {
  const api = Router();
  const { router } = createSecurity({
    mode: 'local',
    keys: options.keys ?? deriveKeys(Buffer.alloc(32, 7), true),
    secureCookies: false,
    ...options,
  });
  api.use(router);
  const echo = (req: Request, res: Response) => {
    res.json({ identity: res.locals['identity'], impersonate: req.get('impersonate-user') ?? null });
  };
  api.get('/whoami', echo);
  api.get('/clusters/:cluster/whoami', echo);
  // Stands in for any route whose cluster call came back 401: the error mapping answers like this.
  api.get('/cluster-refuses', (_req, res) => {
    res
      .status(401)
      .json({ error: { code: 'unauthorized', message: 'The cluster no longer accepts your token.' } });
  });
  api.put('/things/:name', echo);
  const server = await listen(createApp({ version: 'test', api }), '127.0.0.1', 0);
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function session(
  base: string,
  cookie?: string,
): Promise<{ cookie: string; body: SessionResponse; setCookie: string }> {
  const res = await fetch(`${base}/api/v1/session`, { headers: cookie ? { cookie } : {} });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return {
    cookie: cookie ?? setCookie.split(';')[0]!,
    body: (await res.json()) as SessionResponse,
    setCookie,
  };
}

function put(base: string, headers: Record<string, string>, body = '{"a":1}') {
  return fetch(`${base}/api/v1/things/x`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('CSRF protection (local mode)', () => {
  it('issues an HttpOnly, SameSite=Strict session cookie and a session-bound token', async () => {
    const base = await start();
    const { setCookie, body } = await session(base);
    expect(setCookie).toMatch(/^dialtone_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(body).toMatchObject({ authenticated: true, authMode: 'local' });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('E-31: accepts a same-origin write with the token and refuses every forged variant, changing nothing', async () => {
    const base = await start();
    const { cookie, body } = await session(base);
    const token = body.csrfToken;
    const ok = await put(base, {
      cookie,
      'x-csrf-token': token,
      origin: base,
      'sec-fetch-site': 'same-origin',
    });
    expect(ok.status).toBe(200);

    const refused = [
      await put(base, { cookie }),
      await put(base, { cookie, 'x-csrf-token': token + 'x' }),
      await put(base, { cookie, 'x-csrf-token': token, origin: 'https://evil.example' }),
      await put(base, { cookie, 'x-csrf-token': token, origin: 'null' }),
      await put(base, { cookie, 'x-csrf-token': token, 'sec-fetch-site': 'cross-site' }),
      await put(base, { cookie, 'x-csrf-token': token, 'sec-fetch-site': 'same-site' }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    }
  });

  it('E-31: refuses an HTML-form content type even with a valid token', async () => {
    const base = await start();
    const { cookie, body } = await session(base);
    const res = await put(
      base,
      { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'text/plain' },
      'a=1',
    );
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it("E-32: does not accept user A's token with user B's session, nor a token after logout", async () => {
    const base = await start();
    const a = await session(base);
    const b = await session(base);
    expect((await put(base, { cookie: b.cookie, 'x-csrf-token': a.body.csrfToken })).status).toBe(403);

    const logout = await fetch(`${base}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie: a.cookie, 'x-csrf-token': a.body.csrfToken },
    });
    expect(logout.status).toBe(200);
    const fresh = logout.headers.getSetCookie().at(-1)!.split(';')[0]!;
    expect((await put(base, { cookie: fresh, 'x-csrf-token': a.body.csrfToken })).status).toBe(403);
  });

  it('ignores a tampered or foreign-key cookie', async () => {
    const base = await start();
    const other = await start({ keys: deriveKeys(Buffer.alloc(32, 9), true) });
    const { cookie, body } = await session(other);
    expect((await put(base, { cookie, 'x-csrf-token': body.csrfToken })).status).toBe(403);
    const mine = await session(base);
    const tampered = mine.cookie.slice(0, -2) + (mine.cookie.endsWith('A') ? 'BB' : 'AA');
    expect((await put(base, { cookie: tampered, 'x-csrf-token': mine.body.csrfToken })).status).toBe(403);
  });

  it('lets replicas that share DIALTONE_SESSION_KEY accept each other’s sessions', async () => {
    const env = { DIALTONE_SESSION_KEY: Buffer.alloc(32, 3).toString('base64') };
    const one = await start({ keys: loadSecurityKeys(env) });
    const two = await start({ keys: loadSecurityKeys(env) });
    const { cookie, body } = await session(one);
    expect((await put(two, { cookie, 'x-csrf-token': body.csrfToken })).status).toBe(200);
    expect(() => loadSecurityKeys({ DIALTONE_SESSION_KEY: 'short' })).toThrow(/at least 32/);
  });
});

describe('cross-origin requests', () => {
  it('E-33: answers a preflight from an unknown origin or Origin: null without any CORS grant', async () => {
    const base = await start();
    for (const origin of ['https://evil.example', 'null', 'https://sub.127.0.0.1.nip.io']) {
      const preflight = await fetch(`${base}/api/v1/things/x`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type, x-csrf-token',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials'), origin).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods'), origin).toBeNull();
      const read = await fetch(`${base}/api/v1/session`, { headers: { origin } });
      expect(read.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});

describe('identity headers', () => {
  it('E-35: strips Impersonate-* headers sent by a browser', async () => {
    const base = await start();
    const res = await fetch(`${base}/api/v1/whoami`, {
      headers: { 'impersonate-user': 'admin', 'impersonate-group': 'system:masters' },
    });
    expect(await res.json()).toEqual({ identity: { kind: 'local' }, impersonate: null });
  });

  it('E-35: trusts X-Forwarded-User only from the trusted proxy range', async () => {
    const trusted = await start({ mode: 'proxy', trustedProxies: [parseCidrRange('127.0.0.1/32')!] });
    const res = await fetch(`${trusted}/api/v1/whoami`, {
      headers: { 'x-forwarded-user': 'alice', 'x-forwarded-groups': 'dev, ops', 'impersonate-user': 'admin' },
    });
    expect(await res.json()).toEqual({
      identity: { kind: 'impersonate', user: 'alice', groups: ['dev', 'ops'] },
      impersonate: null,
    });

    const untrusted = await start({ mode: 'proxy', trustedProxies: [parseCidrRange('10.0.0.0/8')!] });
    const refused = await fetch(`${untrusted}/api/v1/whoami`, { headers: { 'x-forwarded-user': 'alice' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('token mode', () => {
  const verifyToken: SecurityOptions['verifyToken'] = async (token) =>
    token === 'good-token'
      ? { ok: true, user: 'alice', groups: ['dev'], cluster: 'c1' }
      : { ok: false, status: 401, message: 'The cluster does not accept this token.' };

  it('E-36: serves nothing before login and acts as the token user after', async () => {
    const base = await start({ mode: 'token', verifyToken });
    expect((await fetch(`${base}/api/v1/whoami`)).status).toBe(401);
    const anonymous = await session(base);
    expect(anonymous.body.authenticated).toBe(false);

    const login = (token: string) =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: {
          cookie: anonymous.cookie,
          'x-csrf-token': anonymous.body.csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ token }),
      });
    const bad = await login('bad-token');
    expect(bad.status).toBe(401);
    const good = await login('good-token');
    expect(good.status).toBe(200);
    const body = (await good.json()) as SessionResponse;
    expect(body).toMatchObject({ authenticated: true, user: { name: 'alice', groups: ['dev'] } });
    const cookie = good.headers.getSetCookie()[0]!.split(';')[0]!;
    // The token never travels in clear: the cookie is sealed.
    expect(cookie).not.toContain('good-token');
    const who = await fetch(`${base}/api/v1/whoami`, { headers: { cookie } });
    expect(await who.json()).toMatchObject({
      identity: { kind: 'token', token: 'good-token', cluster: 'c1', user: 'alice' },
    });
    // The pre-login CSRF token is bound to the old session id and stops working.
    expect((await put(base, { cookie, 'x-csrf-token': anonymous.body.csrfToken })).status).toBe(403);
    expect((await put(base, { cookie, 'x-csrf-token': body.csrfToken })).status).toBe(200);

    // E-34: once the cluster refuses the token, the 401 clears the session cookie with it.
    const refused = await fetch(`${base}/api/v1/cluster-refuses`, { headers: { cookie } });
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^dialtone_session=; .*Max-Age=0/),
    );
  });
});

describe('attacks on token sessions', () => {
  const verifyToken: SecurityOptions['verifyToken'] = async (token, cluster) =>
    token === 'good-token' && (cluster === undefined || cluster === 'c1')
      ? { ok: true, user: 'alice', groups: ['dev'], cluster: 'c1' }
      : { ok: false, status: 401, message: 'The cluster does not accept this token.' };

  async function login(base: string, token = 'good-token', extra: Record<string, unknown> = {}) {
    const anonymous = await session(base);
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: {
        cookie: anonymous.cookie,
        'x-csrf-token': anonymous.body.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token, ...extra }),
    });
    const cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const body = response.ok ? ((await response.json()) as SessionResponse) : undefined;
    return { response, cookie, csrfToken: body?.csrfToken ?? '', body };
  }

  it('session replay after logout: the copied cookie is refused once its owner logs out', async () => {
    const base = await start({ mode: 'token', verifyToken });
    const { cookie, csrfToken } = await login(base);
    expect((await fetch(`${base}/api/v1/whoami`, { headers: { cookie } })).status).toBe(200);
    const logout = await fetch(`${base}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(logout.status).toBe(200);
    // An attacker (or another tab) kept the sealed cookie from before the logout.
    const replay = await fetch(`${base}/api/v1/whoami`, { headers: { cookie } });
    expect(replay.status).toBe(401);
    expect((await put(base, { cookie, 'x-csrf-token': csrfToken })).status).toBe(403);
  });

  it('idle session: a cookie unused for longer than the idle timeout no longer logs anyone in', async () => {
    const keys = deriveKeys(Buffer.alloc(32, 5), true);
    const base = await start({ mode: 'token', verifyToken, keys });
    const forge = (idleMs: number) => {
      const now = Date.now();
      const sealed = seal(keys.sealing, {
        ...newSession({ token: 'good-token', user: 'alice', cluster: 'c1' }, now - idleMs),
        seen: now - idleMs,
      });
      return `${SESSION_COOKIE}=${sealed}`;
    };
    expect((await fetch(`${base}/api/v1/whoami`, { headers: { cookie: forge(60_000) } })).status).toBe(200);
    const stale = await fetch(`${base}/api/v1/whoami`, {
      headers: { cookie: forge(SESSION_IDLE_MS + 1000) },
    });
    expect(stale.status).toBe(401);
    // Using a session moves its idle deadline: the answer carries a cookie with a fresh last-seen time.
    const used = await fetch(`${base}/api/v1/whoami`, { headers: { cookie: forge(5 * 60_000) } });
    expect(used.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^dialtone_session=[\w-]+;/));
  });

  it('login brute force: answers 429 after a few attempts from one address, before asking the cluster', async () => {
    let asked = 0;
    const counting: SecurityOptions['verifyToken'] = async (token, cluster) => {
      asked++;
      return verifyToken!(token, cluster);
    };
    const base = await start({
      mode: 'token',
      verifyToken: counting,
      loginLimit: { perMinute: 1, burst: 3 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(base, `guess-${i}`)).response.status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(asked).toBe(3);
    const limited = await login(base);
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('login with control characters in the token: 400, and the cluster is never asked', async () => {
    let asked = 0;
    const counting: SecurityOptions['verifyToken'] = async () => {
      asked++;
      return { ok: false, status: 401, message: 'no' };
    };
    const base = await start({ mode: 'token', verifyToken: counting });
    for (const token of ['abc\u0000def', 'abc\u007fdef', 'abc\rdef', 'abc\u0085def', 'ab\u00e9']) {
      const { response } = await login(base, token);
      expect(response.status, JSON.stringify(token)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
    expect(asked).toBe(0);
  });

  it('token sent to another cluster: a session logged in to one cluster gets 401 on every other', async () => {
    const base = await start({ mode: 'token', verifyToken });
    const { cookie, body } = await login(base, 'good-token', { cluster: 'c1' });
    // The dashboard learns which cluster the login is for, so it can ask for another login elsewhere.
    expect(body).toMatchObject({ authenticated: true, cluster: 'c1' });
    const session = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ authenticated: true, cluster: 'c1' });
    const own = await fetch(`${base}/api/v1/clusters/c1/whoami`, { headers: { cookie } });
    expect(await own.json()).toMatchObject({ identity: { kind: 'token', cluster: 'c1' } });
    const other = await fetch(`${base}/api/v1/clusters/c2/whoami`, { headers: { cookie } });
    expect(other.status).toBe(401);
    expect((await other.json()) as unknown).toMatchObject({
      error: {
        code: 'unauthorized',
        message: expect.stringMatching(/logged in to cluster c1.*Log in to c2/),
      },
    });
    // Looking at another cluster does not end the session for the first one.
    expect(other.headers.getSetCookie()).toEqual([]);
    expect((await login(base, 'good-token', { cluster: 'c2' })).response.status).toBe(401);
  });

  it('before login, /session names no kubeconfig path in token and proxy mode', async () => {
    const clusterSource = () => 'Clusters from the kubeconfig /home/ops/.kube/prod-config.';
    for (const mode of ['token', 'proxy'] as const) {
      const base = await start({
        mode,
        verifyToken,
        clusterSource,
        trustedProxies: [parseCidrRange('10.0.0.0/8')!],
      });
      const { body } = await session(base);
      expect(body.authenticated).toBe(false);
      expect(JSON.stringify(body)).not.toContain('/home/ops');
    }
    const base = await start({ mode: 'token', verifyToken, clusterSource });
    const { cookie } = await login(base);
    expect((await session(base, cookie)).body.clusterSource).toContain('prod-config');
    const local = await start({ clusterSource });
    expect((await session(local)).body.clusterSource).toContain('prod-config');
  });
});

describe('write rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent', async () => {
    const base = await start({ writeLimit: { perMinute: 6, burst: 3 } });
    const { cookie, body } = await session(base);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await put(base, { cookie, 'x-csrf-token': body.csrfToken })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await put(base, { cookie, 'x-csrf-token': body.csrfToken });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
