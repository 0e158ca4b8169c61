import { request, type Server } from 'node:http';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, listen, stopServer, type HostPolicy } from './index.js';

/** node:http, because fetch will not let a caller choose the Host header. */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DNS rebinding: a page whose name now points at 127.0.0.1 is not served', () => {
  let server: Server;
  let port: number;
  const policy: HostPolicy = { bound: ['127.0.0.1', 'localhost', '::1'], allowed: ['dialtone.corp.example'] };

  beforeAll(async () => {
    const api = Router();
    api.get('/session', (_req, res) => {
      res.json({ csrfToken: 'session-secret' });
    });
    server = await listen(createApp({ version: 'test', api, hosts: policy }), '127.0.0.1', 0);
    port = (server.address() as { port: number }).port;
  });

  afterAll(() => stopServer(server, 100));

  it('answers 421 with what to do, and hands out no session, for a foreign Host', async () => {
    for (const host of [
      `attacker.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `localhost.attacker.example:${port}`,
      'attacker.example',
    ]) {
      const response = await get(port, '/api/v1/session', host);
      expect(response.status, host).toBe(421);
      expect(response.body).not.toContain('session-secret');
      expect(JSON.parse(response.body)).toMatchObject({
        error: { code: 'misdirected_host', message: expect.stringContaining('--allowed-host') },
      });
    }
    // The page itself is refused too, so the attacker cannot even load the client from it.
    expect((await get(port, '/', `attacker.example:${port}`)).status).toBe(421);
  });

  it('refuses a bound name with another port: another local service is another origin', async () => {
    expect((await get(port, '/api/v1/session', `127.0.0.1:${port + 1}`)).status).toBe(421);
  });

  it('serves the bound address by each of its names and the --allowed-host names', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      'dialtone.corp.example',
      'dialtone.corp.example:443',
    ]) {
      const response = await get(port, '/api/v1/session', host);
      expect(response.status, host).toBe(200);
    }
  });

  it('still answers health checks, which kubelet sends with the pod address as Host', async () => {
    expect((await get(port, '/healthz', `10.1.2.3:${port}`)).status).toBe(200);
  });
});
