import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorEnvelope, type ErrorEnvelope, type HealthResponse } from '@dialtone/shared';
import { createApp, listen, serverUrl, stopServer, type AppOptions } from './index.js';

const INDEX_HTML = '<!doctype html><title>Dialtone</title><div id="root"></div>';

async function startApp(options: Partial<AppOptions> = {}): Promise<{ url: string; server: Server }> {
  const server = await listen(createApp({ version: '1.2.3', ...options }), '127.0.0.1', 0);
  return { url: serverUrl(server), server };
}

async function errorOf(response: Response): Promise<ErrorEnvelope['error']> {
  const body: unknown = await response.json();
  if (!isErrorEnvelope(body)) throw new Error(`not an error envelope: ${JSON.stringify(body)}`);
  return body.error;
}

describe('the HTTP app', () => {
  let clientDir: string;
  let url: string;
  let server: Server;
  const logged: unknown[] = [];

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'dialtone-client-'));
    writeFileSync(join(clientDir, 'index.html'), INDEX_HTML);
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'assets', 'index-abc123.js'), 'console.log("hi");');
    const api = Router();
    api.get('/boom', () => {
      throw new Error('secret internals');
    });
    api.post('/echo', (req, res) => {
      res.json(req.body);
    });
    ({ url, server } = await startApp({ clientDir, api, logError: (error) => logged.push(error) }));
  });

  afterAll(async () => {
    await stopServer(server);
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('reports health with the version', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as HealthResponse;
    expect(body).toEqual({ status: 'ok', version: '1.2.3' });
  });

  it('reports readiness', async () => {
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('serves the client and its hashed assets', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    const asset = await fetch(`${url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers deep links with index.html so the single-page app can route them', async () => {
    const response = await fetch(`${url}/clusters/demo/namespaces/default/transports/my.transport`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('E-13: never redirects, whatever a next or forwarded-host parameter says (open redirects)', async () => {
    for (const next of ['//evil.com', '/\\evil.com', 'https:evil.com', '%2F%2Fevil.com', ' //evil.com']) {
      const response = await fetch(`${url}/login?next=${encodeURIComponent(next)}`, {
        redirect: 'manual',
        headers: { 'x-forwarded-host': 'evil.com', 'x-forwarded-proto': 'https' },
      });
      expect(response.status, next).toBe(200);
      expect(response.headers.get('location'), next).toBeNull();
      expect(await response.text()).toBe(INDEX_HTML);
    }
  });

  it('answers a missing asset with 404 rather than the page', async () => {
    const response = await fetch(`${url}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('answers unknown API routes with a JSON 404 envelope', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['GET', '/api'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const error = await errorOf(response);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain(path);
    }
  });

  it('accepts JSON bodies up to the limit', async () => {
    const response = await fetch(`${url}/api/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: 'world' });
  });

  it('E-05: refuses a JSON body over 512 KiB with 413', async () => {
    const response = await fetch(`${url}/api/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(512 * 1024) }),
    });
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toContain('512 KiB');
  });

  it('answers malformed JSON with 400 and no parser internals', async () => {
    const response = await fetch(`${url}/api/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('bad_request');
    expect(JSON.stringify(error)).not.toMatch(/at .*\.js|node_modules/);
  });

  it('never leaks an unexpected error to the client, but logs it', async () => {
    const response = await fetch(`${url}/api/v1/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret internals');
    expect(text).not.toMatch(/at .*\.(ts|js)/);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    expect(logged).toHaveLength(1);
  });

  it('sends the security headers on pages, API answers and errors', async () => {
    for (const path of ['/', '/healthz', '/api/v1/nothing-here']) {
      const response = await fetch(`${url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      // Inline styles are for Monaco; inline scripts stay forbidden.
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('the HTTP app without a built client', () => {
  let url: string;
  let server: Server;

  beforeAll(async () => {
    ({ url, server } = await startApp({ clientDir: join(tmpdir(), 'dialtone-no-such-client-dir') }));
  });

  afterAll(() => stopServer(server));

  it('tells a browser how to build the client', async () => {
    const response = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('npm run build');
  });

  it('tells a script the same in an error envelope', async () => {
    const response = await fetch(`${url}/`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.code).toBe('client_not_built');
    expect(error.message).toContain('npm run build');
  });

  it('still answers health checks', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('readiness', () => {
  it('answers 503 with the reason when the server is not ready', async () => {
    const { url, server } = await startApp({
      readiness: () => ({ status: 'not_ready', reason: 'the cluster is not reachable yet' }),
    });
    try {
      const response = await fetch(`${url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'not_ready',
        reason: 'the cluster is not reachable yet',
      });
    } finally {
      await stopServer(server);
    }
  });
});
