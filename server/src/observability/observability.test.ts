import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createApp, listen, stopServer } from '../http/index.js';
import { createLogger, createMetrics, scrubText } from './index.js';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => stopServer(s)));
});

// Built at run time so that no file in the repository looks like a committed key; the body is filler.
const KEY_LABEL = ['PRIVATE', 'KEY'].join(' ');
const SECRET_PEM = `-----BEGIN ${KEY_LABEL}-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEA\n-----END ${KEY_LABEL}-----`;

async function start() {
  let logged = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const metrics = createMetrics({ defaultMetrics: false });
  const api = Router();
  api.get('/clusters/:cluster/things/:name', (_req, res) => {
    res.json({ ok: true });
  });
  api.post('/fail', () => {
    throw new Error(`upstream said Bearer abc.def.ghi and ${SECRET_PEM}`);
  });
  const app = createApp({
    version: 'test',
    api,
    observability: { logger, metrics },
    logError: (error) => logger.error({ err: error }, 'unexpected error'),
  });
  const server = await listen(app, '127.0.0.1', 0);
  servers.push(server);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logged: () => logged };
}

describe('logs and metrics', () => {
  it('E-30: never write tokens, cookies, names from paths or PEM data', async () => {
    const { base, logged } = await start();
    await fetch(`${base}/api/v1/clusters/prod/things/secret-name?token=querytoken`, {
      headers: { authorization: 'Bearer header-token-123', cookie: 'dialtone_session=cookie-value-456' },
    });
    const failed = await fetch(`${base}/api/v1/fail`, {
      method: 'POST',
      headers: { authorization: 'Bearer header-token-123' },
    });
    expect(failed.status).toBe(500);
    expect(JSON.stringify(await failed.json())).not.toMatch(/abc\.def|BEGIN/);
    const text = logged();
    expect(text).toContain('"route":"/api/v1/clusters/:cluster/things/:name"');
    expect(text).toContain('unexpected error');
    for (const leak of [
      'header-token-123',
      'cookie-value-456',
      'querytoken',
      'secret-name',
      'abc.def.ghi',
      '-----BEGIN',
      'MIIBVgIBADAN',
    ]) {
      expect(text, leak).not.toContain(leak);
    }
  });

  it('serve a latency histogram labelled by route pattern at /metrics', async () => {
    const { base } = await start();
    await fetch(`${base}/api/v1/clusters/demo/things/a`);
    await fetch(`${base}/api/v1/clusters/demo/things/b`);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /dialtone_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/clusters\/:cluster\/things\/:name",status="200"\} 2/,
    );
    expect(text).not.toMatch(/things\/a"/);
  });

  it('report the watch caches at scrape time', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeCaches(() => [
      { cluster: 'demo', resource: 'serverstransporttcps', size: 12, synced: true, lists: 2 },
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('dialtone_cache_objects{cluster="demo",resource="serverstransporttcps"} 12');
    expect(text).toContain('dialtone_watch_synced{cluster="demo",resource="serverstransporttcps"} 1');
    expect(text).toContain('dialtone_watch_lists{cluster="demo",resource="serverstransporttcps"} 2');
  });

  it('scrub bearer tokens and PEM blocks from free text', () => {
    expect(scrubText(`x Bearer abc.def y ${SECRET_PEM} z`)).toBe('x Bearer [removed] y [PEM removed] z');
  });
});
