import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, ProbeResponse } from '@dialtone/shared';
import { createApp, listen, serverUrl, stopServer } from '../http/index.js';
import type { Identity } from '../identity/index.js';
import { createLogger } from '../observability/index.js';
import { probeRoutes, TargetPolicy, type ProbeAccess, type ServiceSource } from './index.js';
import { memoryMaterial, tcpServer, TestCA, tlsServer, type Listening } from './testing.js';

let app: Server;
let url: string;
let tls: Listening;
let silent: Listening;
let ca: TestCA;
const logged: string[] = [];

const services: ServiceSource = {
  async getService(namespace, name) {
    if (name === 'secret-db') return { found: false, reason: 'forbidden' };
    if (name === 'api')
      return {
        found: true,
        value: { type: 'ClusterIP', clusterIP: '127.0.0.1', ports: [{ name: 'https', port: 443 }] },
      };
    if (name === 'external') {
      return { found: true, value: { type: 'ExternalName', externalName: 'api.partner.example', ports: [] } };
    }
    if (name === 'empty') return { found: true, value: { ports: [{ name: 'db', port: 5432 }] } };
    return { found: false, reason: 'not-found' };
  },
  async listEndpointSlices(namespace, name) {
    if (name === 'api') {
      return {
        found: true,
        value: [
          {
            ports: [{ name: 'https', port: tls.port }],
            endpoints: [
              { addresses: ['127.0.0.1'], ready: true },
              { addresses: ['10.9.9.9'], ready: false },
            ],
          },
        ],
      };
    }
    return { found: true, value: [] };
  },
};

function access(): ProbeAccess {
  return {
    material: memoryMaterial({
      secrets: {
        'demo/ca': { data: { 'tls.ca': ca.certPem } },
        'demo/etcd-client': 'forbidden',
      },
    }),
    async getTransport(namespace, name) {
      if (name === 'backend-tls')
        return { found: true, value: { tls: { serverName: 'api.internal', rootCAs: [{ secret: 'ca' }] } } };
      if (name === 'hidden') return { found: false, reason: 'forbidden' };
      return { found: false, reason: 'not-found' };
    },
    services,
    usage: async () => [
      {
        route: { namespace: 'demo', name: 'web' },
        service: { namespace: 'demo', name: 'api', port: 'https' },
        tls: true,
      },
    ],
  };
}

beforeAll(async () => {
  ca = TestCA.create('Routes CA');
  const cert = ca.issue({ commonName: 'api.internal', dnsNames: ['api.internal'] });
  tls = await tlsServer({ key: cert.keyPem, cert: cert.certPem });
  silent = await tcpServer('silent');
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    }),
  });
  const api = Router();
  api.use((req, res, next) => {
    const user = req.get('x-test-user') ?? 'alice';
    const identity: Identity = { kind: 'impersonate', user, groups: [] };
    res.locals['identity'] = identity;
    next();
  });
  api.use(
    probeRoutes({
      cluster: (req) => req.params['cluster'] ?? '',
      identity: (res) => res.locals['identity'] as Identity,
      accessFor: () => access(),
      policy: new TargetPolicy({ allow: ['127.0.0.1'] }),
      logger,
      engine: { deadlineMs: 3_000, handshakeTimeoutMs: 800, settleMs: 100 },
    }),
  );
  app = await listen(createApp({ version: 'test', api, logError: () => undefined }), '127.0.0.1', 0);
  url = serverUrl(app);
}, 30_000);

afterAll(async () => {
  await stopServer(app, 100);
  await tls.close();
  await silent.close();
});

async function post(body: unknown, user = 'alice'): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}/api/v1/clusters/demo/probe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-user': user },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('POST /api/v1/clusters/{c}/probe', () => {
  it('probes a saved transport against an explicit address and logs an audit line', async () => {
    const { status, json } = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [{ address: `127.0.0.1:${tls.port}`, tls: true }],
    });
    expect(status).toBe(200);
    const response = json as ProbeResponse;
    expect(response.results[0]).toMatchObject({
      verdict: 'pass',
      address: `127.0.0.1:${tls.port}`,
      target: { address: `127.0.0.1:${tls.port}`, tls: true },
    });
    const audit = logged
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['event'] === 'probe' && l['transport'] === 'demo/backend-tls');
    expect(audit).toMatchObject({
      who: 'user:alice',
      cluster: 'demo',
      verdicts: { pass: 1, fail: 0, blocked: 0 },
    });
    expect(logged.join('')).not.toContain('-----BEGIN');
    expect(JSON.stringify(json)).not.toContain('-----BEGIN');
  });

  it('probes an unsaved draft', async () => {
    const { status, json } = await post({
      transport: {
        namespace: 'demo',
        spec: { tls: { serverName: 'wrong.internal', rootCAs: [{ secret: 'ca' }] } },
      },
      targets: [{ address: `127.0.0.1:${tls.port}`, tls: true }],
    });
    expect(status).toBe(200);
    expect((json as ProbeResponse).results[0]).toMatchObject({
      verdict: 'fail',
      outcome: 'hostname_mismatch',
    });
  });

  it('dials the ready endpoints of a Service on the endpoint port named like the Service port', async () => {
    const { json } = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [{ service: { namespace: 'demo', name: 'api', port: 443 }, tls: true }],
    });
    const results = (json as ProbeResponse).results;
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ verdict: 'pass', address: `127.0.0.1:${tls.port}` });
  });

  it('reads a Service DNS name as that Service, since Traefik dials endpoints', async () => {
    const { json } = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [{ address: 'api.demo.svc.cluster.local:443', tls: true }],
    });
    const result = (json as ProbeResponse).results[0]!;
    expect(result).toMatchObject({
      verdict: 'pass',
      address: `127.0.0.1:${tls.port}`,
      target: { address: 'api.demo.svc.cluster.local:443' },
    });
    expect(result.notes[0]).toContain('was read as Service demo/api');
  });

  it('probes every backend of the routes using the transport', async () => {
    const { json } = await post({ transport: { namespace: 'demo', name: 'backend-tls' }, targets: 'usage' });
    const results = (json as ProbeResponse).results;
    expect(results[0]).toMatchObject({
      verdict: 'pass',
      target: { route: { namespace: 'demo', name: 'web' } },
    });
  });

  it('reports Services that give nothing to dial as results', async () => {
    const { json } = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [
        { service: { namespace: 'demo', name: 'empty', port: 'db' } },
        { service: { namespace: 'demo', name: 'nope', port: 80 } },
        { service: { namespace: 'default', name: 'kubernetes', port: 443 } },
      ],
    });
    const results = (json as ProbeResponse).results;
    expect(results.map((r) => r.title)).toEqual([
      'The Service has no ready endpoints',
      'The Service does not exist',
      'Not probed: the target policy refuses the API server',
    ]);
    expect(results[2]!.verdict).toBe('blocked');
  });

  it('answers 422 for a draft the API server would refuse', async () => {
    const { status, json } = await post({
      transport: { namespace: 'demo', spec: { dialTimeout: '5 parsecs', tls: { insecureSkipVerfy: true } } },
      targets: [{ address: `127.0.0.1:${tls.port}` }],
    });
    expect(status).toBe(422);
    expect((json as ErrorEnvelope).error.code).toBe('validation_failed');
  });

  it('reports a missing saved transport as Traefik does', async () => {
    const { json } = await post({
      transport: { namespace: 'demo', name: 'gone' },
      targets: [{ address: `127.0.0.1:${tls.port}` }],
    });
    expect((json as ProbeResponse).results[0]).toMatchObject({ outcome: 'build_failed' });
  });

  it('answers 400 for a malformed target (E-23)', async () => {
    const { status, json } = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [{ address: 'a@b:80' }],
    });
    expect(status).toBe(400);
    expect((json as ErrorEnvelope).error).toMatchObject({
      code: 'bad_request',
      details: { reason: 'invalid_target' },
    });
    const shape = await post({ transport: { namespace: 'Demo!' }, targets: [] });
    expect(shape.status).toBe(400);
  });

  it('E-28: answers 403 when the user may not read a Secret, a Service or the transport (E-22)', async () => {
    const secret = await post({
      transport: {
        namespace: 'demo',
        spec: { tls: { serverName: 'x', certificatesSecrets: ['etcd-client'] } },
      },
      targets: [{ address: `127.0.0.1:${tls.port}` }],
    });
    expect(secret.status).toBe(403);
    expect((secret.json as ErrorEnvelope).error).toMatchObject({
      code: 'forbidden',
      details: { reason: 'secret_forbidden' },
    });
    const service = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [{ service: { namespace: 'demo', name: 'secret-db', port: 5432 } }],
    });
    expect(service.status).toBe(403);
    const transport = await post({
      transport: { namespace: 'demo', name: 'hidden' },
      targets: [{ address: `127.0.0.1:${tls.port}` }],
    });
    expect(transport.status).toBe(403);
  });

  it('blocks free-form addresses outside the allow list without dialling (E-16, E-22)', async () => {
    const { status, json } = await post({
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [
        { address: '169.254.169.254:80' },
        { address: '[::ffff:127.0.0.2]:80' },
        { address: '192.0.2.1:80' },
      ],
    });
    expect(status).toBe(200);
    expect((json as ProbeResponse).results.map((r) => r.verdict)).toEqual(['blocked', 'blocked', 'blocked']);
  });

  it('refuses a third concurrent probe from one user with 429 (E-27)', async () => {
    const slow = {
      transport: { namespace: 'demo', name: 'backend-tls' },
      targets: [{ address: `127.0.0.1:${silent.port}`, tls: true }],
    };
    const answers = await Promise.all([post(slow, 'bob'), post(slow, 'bob'), post(slow, 'bob')]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect((refused.json as ErrorEnvelope).error.code).toBe('rate_limited');
    const timedOut = answers.find((a) => a.status === 200)!.json as ProbeResponse;
    expect(timedOut.results[0]!.outcome).toBe('tls_timeout');
  });

  it('rate-limits a port scan through the button (E-24)', async () => {
    const scan = Array.from({ length: 50 }, (_, i) => ({ address: `192.0.2.1:${1000 + i}` }));
    const first = await post(
      { transport: { namespace: 'demo', name: 'backend-tls' }, targets: scan },
      'mallory',
    );
    expect(first.status).toBe(200);
    const second = await post(
      { transport: { namespace: 'demo', name: 'backend-tls' }, targets: scan },
      'mallory',
    );
    expect(second.status).toBe(429);
  });
});
