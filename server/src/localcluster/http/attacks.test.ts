import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { startTestCluster, transport } from '../testing/harness.js';
import { MAX_DEPTH } from './request.js';

/**
 * Attacks on a running embedded cluster, from local processes and from web pages that can reach
 * loopback (issue 11). Each is named after the attack; each failed before the hardening it checks.
 */

let t: TestCluster;
let port: string;
const COLLECTION = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';
const JSON_TYPE = { 'content-type': 'application/json' };

beforeAll(async () => {
  t = await startTestCluster();
  port = new URL(t.cluster.url).port;
});
afterAll(() => t.close());

function status(json: unknown): { kind?: string; code?: number; reason?: string; message?: string } {
  return json as { kind?: string; code?: number; reason?: string; message?: string };
}

async function stored(name: string): Promise<boolean> {
  return (await t.http(`${COLLECTION}/${name}`)).status === 200;
}

describe('anonymous admin', () => {
  it('answers 401 with a Status to a request without a token, for Secrets, discovery and OpenAPI alike', async () => {
    for (const path of [
      '/api/v1/secrets',
      '/api/v1/namespaces/default/secrets',
      COLLECTION,
      '/api',
      '/apis',
      '/api/v1',
      '/apis/traefik.io/v1alpha1',
      '/openapi/v3',
      '/no/such/path',
    ]) {
      const r = await t.http(path, { token: null });
      expect([path, r.status]).toEqual([path, 401]);
      expect(status(r.json)).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    }
    const write = await t.http(COLLECTION, {
      token: null,
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(transport('anonymous')),
    });
    expect(write.status).toBe(401);
    expect(await stored('anonymous')).toBe(false);
  });

  it('keeps /version, /healthz, /readyz, /livez and their checks public, as system:public-info-viewer does', async () => {
    for (const path of ['/version', '/healthz', '/readyz', '/livez', '/readyz/ping', '/livez/ping']) {
      expect([path, (await t.http(path, { token: null })).status]).toEqual([path, 200]);
    }
  });

  it('refuses impersonation without a token instead of acting as the administrator', async () => {
    const r = await t.http('/api/v1/namespaces/default/secrets', {
      token: null,
      headers: { 'Impersonate-User': 'admin', 'Impersonate-Group': 'system:masters' },
    });
    expect(r.status).toBe(401);
  });

  it('speaks only TLS: a plain http request gets no API answer', async () => {
    const answer = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/secrets' }, (res) => {
        resolve(`status ${res.statusCode ?? 0}`);
        res.resume();
      });
      req.on('error', (error) => resolve(`error ${error.message}`));
      req.end();
    });
    // Node's TLS server answers a plain request with 400 and closes; it never reaches the API.
    expect(answer).not.toBe('status 200');
    expect(answer).not.toBe('status 401');
  });
});

describe('no-cors write from a web page', () => {
  it('answers 415 to a POST, PUT or PATCH without a JSON, YAML, patch, apply or protobuf content type', async () => {
    const body = JSON.stringify(transport('no-type'));
    for (const headers of [
      {},
      { 'content-type': 'text/plain;charset=UTF-8' },
      { 'content-type': '*/*' },
    ] as Record<string, string>[]) {
      const r = await t.http(COLLECTION, { method: 'POST', headers, body });
      expect(r.status).toBe(415);
      expect(status(r.json)).toMatchObject({ kind: 'Status', code: 415, reason: 'UnsupportedMediaType' });
    }
    expect(await stored('no-type')).toBe(false);
    await t.http(COLLECTION, { method: 'POST', headers: JSON_TYPE, body });
    expect((await t.http(`${COLLECTION}/no-type`, { method: 'PUT', body })).status).toBe(415);
    const patch = await t.http(`${COLLECTION}/no-type`, {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain' },
      body: '{"metadata":{"labels":{"a":"b"}}}',
    });
    expect(patch.status).toBe(415);
  });
});

describe('DNS rebinding and browsers', () => {
  it('answers 421 to a Host that does not name the bound address, and serves its loopback spellings', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:1`,
      `localhost.evil.example:${port}`,
    ]) {
      const r = await t.http('/version', { headers: { host } });
      expect([host, r.status]).toEqual([host, 421]);
      expect(status(r.json).message).toContain('use the server URL of its kubeconfig');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect([host, (await t.http('/version', { headers: { host } })).status]).toEqual([host, 200]);
    }
  });

  it('refuses a request carrying Origin or Sec-Fetch-Site: cross-site with a Status saying why', async () => {
    const browserHeaders: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of browserHeaders) {
      const r = await t.http('/api/v1/namespaces', { headers });
      expect(r.status).toBe(403);
      expect(status(r.json).message).toContain('requests from web pages are refused');
    }
    expect((await t.http('/api/v1/namespaces', { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
  });

  it('presents a certificate that verifies against the kubeconfig CA for 127.0.0.1, ::1 and localhost', async () => {
    const peer = await new Promise<PeerCertificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port), ca: t.cluster.ca }, () => {
        expect(socket.authorized).toBe(true);
        resolve(socket.getPeerCertificate());
        socket.end();
      });
      socket.on('error', reject);
    });
    // What Go's crypto/tls checks too: the dialled IP or name must be among the certificate's SANs.
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      expect([host, checkServerIdentity(host, peer)]).toEqual([host, undefined]);
    }
    expect(checkServerIdentity('evil.example', peer)).toBeInstanceOf(Error);
  });
});

/** Streams `size` bytes in chunks without a Content-Length, so the limit is met while reading. */
function chunkedPost(path: string, size: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, t.cluster.url),
      {
        method: 'POST',
        ca: t.cluster.ca,
        headers: { ...JSON_TYPE, authorization: `Bearer ${t.cluster.tokens.admin}` },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('hostile bodies and paths', () => {
  it('answers 413 with a Status to a body over 3 MiB instead of resetting the connection', async () => {
    const declared = await t.http(COLLECTION, {
      method: 'POST',
      headers: JSON_TYPE,
      body: `{"padding":"${'x'.repeat(4 * 1024 * 1024)}"}`,
    });
    expect(declared.status).toBe(413);
    expect(status(declared.json)).toMatchObject({
      kind: 'Status',
      code: 413,
      reason: 'RequestEntityTooLarge',
    });
    const streamed = await chunkedPost(COLLECTION, 5 * 1024 * 1024);
    expect(streamed.status).toBe(413);
    expect(streamed.text).toContain('RequestEntityTooLarge');
    expect((await t.http('/version')).status).toBe(200);
  });

  it('answers 50,000 levels of nesting with a 400 Status, not a 500 stack overflow', async () => {
    const deep = (open: string, close: string, depth = 50_000) =>
      `{"apiVersion":"traefik.io/v1alpha1","kind":"ServersTransportTCP","metadata":{"name":"deep"},"spec":{"x":${open.repeat(depth)}1${close.repeat(depth)}}}`;
    const json = await t.http(COLLECTION, { method: 'POST', headers: JSON_TYPE, body: deep('[', ']') });
    expect(json.status).toBe(400);
    expect(status(json.json)).toMatchObject({ kind: 'Status', code: 400 });
    const objects = await t.http(COLLECTION, {
      method: 'POST',
      headers: JSON_TYPE,
      body: deep('{"a":', '}'),
    });
    expect(objects.status).toBe(400);
    const yaml = await t.http(COLLECTION, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: `apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: deep}\nspec: {x: ${'['.repeat(50_000)}${']'.repeat(50_000)}}\n`,
    });
    expect(yaml.status).toBe(400);
    const patch = await t.http(`${COLLECTION}/deep`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: `{"spec":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    });
    expect(patch.status).toBe(400);
    // Between this server's limit and the depth at which its walks would overflow, too.
    for (const depth of [MAX_DEPTH + 1, 2_000, 9_000]) {
      const r = await t.http(COLLECTION, {
        method: 'POST',
        headers: JSON_TYPE,
        body: deep('{"a":', '}', depth),
      });
      expect([depth, r.status]).toEqual([depth, 400]);
    }
    expect((await t.http('/version')).status).toBe(200);
  });

  it('answers bad percent-encoding in the path with 400, not 500', async () => {
    for (const path of ['/api/v1/namespaces/%zz', '/api/v1/namespaces/default/secrets/%E0%A4%A', '/apis/%']) {
      const r = await t.http(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(status(r.json)).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
    }
  });

  it('stores a !!binary YAML value as the string of its bytes, as kube-apiserver reads YAML into JSON', async () => {
    const created = await t.http('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: binary}\ndata:\n  greeting: !!binary aGVsbG8=\n',
    });
    expect(created.status).toBe(201);
    const read = (await t.http('/api/v1/namespaces/default/configmaps/binary')).json as {
      data: Record<string, unknown>;
    };
    expect(read.data).toEqual({ greeting: 'hello' });
  });
});
