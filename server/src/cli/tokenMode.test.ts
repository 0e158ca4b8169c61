import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '@dialtone/shared';
import { runServeCommand } from './serve.js';
import { captureIO } from './capturedIO.js';

interface Anonymous {
  cookie: string;
  csrfToken: string;
}

/** Base64url without padding, as JWTs are written. */
function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('dialtone serve --auth token against the demo cluster', () => {
  const stop = new AbortController();
  let running: Promise<number>;
  let url: string;
  let viewer: string;

  beforeAll(async () => {
    const io = captureIO();
    running = runServeCommand(['--port', '0', '--demo', '--auth', 'token'], io, stop.signal);
    [, url = ''] = await io.waitForOutput(
      /Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) \(--auth token\)\n/,
    );
    [, viewer = ''] = await io.waitForOutput(/ {2}viewer: (\S+)\n/);
  });

  afterAll(async () => {
    stop.abort();
    expect(await running).toBe(0);
  });

  async function anonymous(): Promise<Anonymous> {
    const response = await fetch(`${url}/api/v1/session`);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, csrfToken: ((await response.json()) as SessionResponse).csrfToken };
  }

  function login(session: Anonymous, token: string, headers: Record<string, string> = {}) {
    return fetch(`${url}/api/v1/session`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify({ token }),
    });
  }

  it('E-34: answers a forged JWT (alg none, wrong issuer) or an altered token with 401 and clears the session', async () => {
    const forged = [
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'system:admin', iss: 'https://evil.example' })}.`,
      `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'admin', iss: 'https://wrong-issuer.example' })}.c2ln`,
      `${viewer.slice(0, -4)}AAAA`,
    ];
    for (const token of forged) {
      const session = await anonymous();
      const response = await login(session, token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const cleared = response.headers.getSetCookie();
      expect(cleared.some((c) => /^dialtone_session=;.*Max-Age=0/.test(c))).toBe(true);
      expect(response.headers.get('location')).toBeNull();
      const after = await fetch(`${url}/api/v1/clusters/demo/transports`, {
        headers: { cookie: session.cookie },
      });
      expect(after.status).toBe(401);
    }
  });

  it('E-36: serves an anonymous request nothing, with no fallback to the server identity', async () => {
    const session = await anonymous();
    const reads = [
      '/api/v1/clusters',
      '/api/v1/clusters/demo/transports',
      '/api/v1/clusters/demo/transports?skipLogin=true',
      '/api/v1/clusters/demo/namespaces/demo/secrets',
      '/api/v1/clusters/demo/namespaces',
    ];
    for (const path of reads) {
      for (const headers of [{}, { cookie: session.cookie }] as Record<string, string>[]) {
        const response = await fetch(`${url}${path}`, { headers });
        expect(response.status, path).toBe(401);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      }
    }
    const write = await fetch(`${url}/api/v1/clusters/demo/namespaces/demo/transports`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'ServersTransportTCP',
        metadata: { name: 'anonymous-made', namespace: 'demo' },
        spec: {},
      }),
    });
    expect(write.status).toBe(401);
    const body = (await (
      await fetch(`${url}/api/v1/session`, { headers: { cookie: session.cookie } })
    ).json()) as SessionResponse;
    expect(body.authenticated).toBe(false);
    expect(body.user).toBeUndefined();
  });

  it('before login, /metrics shows no cluster names or object counts: it is served only on --metrics-port', async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain('--metrics-port');
    expect(text).not.toMatch(/dialtone_cache_objects|cluster="demo"/);
  });

  it('DNS rebinding: bound to loopback, token mode refuses a foreign Host with 421', async () => {
    const port = Number(new URL(url).port);
    const status = await new Promise<number>((resolve, reject) => {
      request({
        host: '127.0.0.1',
        port,
        path: '/api/v1/session',
        headers: { host: `rebound.example:${port}` },
      })
        .on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('E-14: ignores a forged X-Forwarded-Host and -Proto at login: no redirect, no cookie domain', async () => {
    const response = await login(await anonymous(), viewer, {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).not.toMatch(/domain=|evil/i);
    expect(await response.text()).not.toContain('evil');
  });
});
