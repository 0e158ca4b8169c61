import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransportDetail, TransportEvent, TransportListResponse, UsageResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND, ROUTE_KIND } from '../clusters/index.js';
import { errorOf, startHarness, transportObject, type Harness } from '../api/testing.js';
import { openEvents } from './eventsClient.testing.js';

const CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBdjCCAR2gAwIBAgIUJ1V4nQxk0m3H0sCw8TQ8o3m0N9owCgYIKoZIzj0EAwIw
-----END CERTIFICATE-----`;

describe('the transports API against the embedded cluster', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ heartbeatMs: 200 });
    await h.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'plain', { dialTimeout: '5s' }),
    );
    await h.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'secure', {
        tls: {
          serverName: 'db.internal',
          certificatesSecrets: ['client-cert'],
          rootCAs: [{ configMap: 'ca' }],
        },
        proxyProtocol: { version: 2 },
      }),
    );
    await h.kube.create(ROUTE_KIND, 'default', {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: { namespace: 'default', name: 'db' },
      spec: {
        entryPoints: ['db'],
        routes: [
          {
            match: 'HostSNI(`*`)',
            services: [{ name: 'db', port: 5432, serversTransport: 'secure', tls: true }],
          },
        ],
      },
    });
  });

  afterAll(() => h.close());

  it('lists summaries with effective values, badges, route counts and diagnostics', async () => {
    const response = await fetch(`${h.url}${apiPaths.transports(h.cluster)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TransportListResponse;
    expect(body.items.map((i) => i.name)).toEqual(['plain', 'secure']);
    const [plain, secure] = body.items;
    expect(plain).toMatchObject({
      namespace: 'default',
      traefikId: 'default-plain@kubernetescrd',
      routeCount: 0,
      badges: [],
      effective: { dialTimeout: { display: '5s', origin: 'explicit' }, dialKeepAlive: { origin: 'default' } },
    });
    expect(plain!.resourceVersion).toMatch(/^\d+$/);
    expect(plain!.creationTimestamp).toBeDefined();
    expect(secure).toMatchObject({ routeCount: 1, badges: ['tls', 'mtls', 'proxy-protocol'] });
    expect(secure!.references).toEqual([
      { kind: 'ConfigMap', name: 'ca', usedBy: 'rootCAs', path: '/spec/tls/rootCAs/0/configMap' },
      {
        kind: 'Secret',
        name: 'client-cert',
        usedBy: 'certificatesSecrets',
        path: '/spec/tls/certificatesSecrets/0',
      },
    ]);
    expect(secure!.diagnostics).toEqual(expect.objectContaining({ error: expect.any(Number) }));
    expect(body.resourceVersion).toMatch(/^\d+$/);
  });

  it('E-12: filters by namespace and refuses a namespace that is not a DNS-1123 label', async () => {
    const other = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=kube-system`);
    expect(((await other.json()) as TransportListResponse).items).toEqual([]);
    const bad = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=%3Cscript%3E`);
    expect(bad.status).toBe(400);
    const error = await errorOf(bad);
    expect(error.code).toBe('bad_request');
    expect(error.message).not.toContain('<script>');
  });

  it('E-12: refuses hostile namespaces and names in the path by the DNS-1123 check, and never reflects them', async () => {
    const hostile = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg onload=alert(2)>'];
    const requests = hostile.flatMap((value): [string, string][] => [
      ['GET', apiPaths.transport(h.cluster, value, 'plain')],
      ['GET', apiPaths.transport(h.cluster, 'default', value)],
      ['POST', apiPaths.namespacedTransports(h.cluster, value)],
      ['GET', apiPaths.secrets(h.cluster, value)],
      ['GET', `${apiPaths.transports(h.cluster)}?namespace=${encodeURIComponent(value)}`],
    ]);
    for (const [method, url] of requests) {
      const body = method === 'POST' ? JSON.stringify(transportObject('default', 'x')) : undefined;
      const response = await fetch(`${h.url}${url}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status, url).toBe(400);
      expect(response.headers.get('content-type'), url).toMatch(/^application\/json/);
      const text = await response.text();
      expect(text, url).not.toMatch(/<|%3C/i);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'bad_request' } });
    }
  });

  it('answers 404 for an unknown cluster and a bad name before calling Kubernetes', async () => {
    expect((await fetch(`${h.url}${apiPaths.transports('nope')}`)).status).toBe(404);
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'Bad_Name')}`);
    expect(response.status).toBe(400);
  });

  it('shows the detail: object, effective values, diagnostics, usage, references and permissions', async () => {
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'secure')}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as TransportDetail;
    expect(detail.object.metadata.name).toBe('secure');
    expect(detail.traefikId).toBe('default-secure@kubernetescrd');
    expect(detail.effective.tlsMode).toBe('mtls');
    expect(detail.usage).toEqual([
      expect.objectContaining({
        route: { namespace: 'default', name: 'db' },
        tls: true,
        reference: 'secure',
      }),
    ]);
    expect(detail.references).toEqual([
      expect.objectContaining({ kind: 'ConfigMap', name: 'ca', usedBy: 'rootCAs', state: 'missing' }),
      expect.objectContaining({
        kind: 'Secret',
        name: 'client-cert',
        usedBy: 'certificatesSecrets',
        state: 'missing',
      }),
    ]);
    expect(detail.permissions).toEqual({ update: true, delete: true, readSecrets: true });
    // Traefik drops what it cannot load; the detail counts that as a problem at the field naming it.
    expect(
      detail.diagnostics.filter((d) => d.code === 'traefik.reference-missing').map((d) => d.path),
    ).toEqual(['/spec/tls/rootCAs/0/configMap', '/spec/tls/certificatesSecrets/0']);
  });

  it('answers 404 with the error envelope for a transport that does not exist', async () => {
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'ghost')}`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('lists the routes that use a transport', async () => {
    const response = await fetch(`${h.url}${apiPaths.usage(h.cluster, 'default', 'secure')}`);
    const body = (await response.json()) as UsageResponse;
    expect(body.usage).toHaveLength(1);
    expect(body.routes.map((r) => r.metadata.name)).toEqual(['db']);
  });

  it('streams a change made with the Kubernetes API as an event, and heartbeats', async () => {
    const events = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`);
    try {
      await h.kube.create(
        TRANSPORT_KIND,
        'default',
        transportObject('default', 'streamed', { dialTimeout: '1s' }),
      );
      const added = await events.next((e) => e.type === 'ADDED' && e.summary.name === 'streamed');
      expect(added.id).toMatch(/^\d+$/);
      await events.waitForHeartbeat();
      const live = await h.kube.get(TRANSPORT_KIND, 'default', 'streamed');
      await h.kube.delete(TRANSPORT_KIND, 'default', 'streamed', live.metadata.resourceVersion ?? '');
      const deleted = await events.next((e) => e.type === 'DELETED' && e.name === 'streamed');
      expect((deleted.event as Extract<TransportEvent, { type: 'DELETED' }>).namespace).toBe('default');
    } finally {
      events.close();
    }
  });

  it('resumes the stream from Last-Event-ID without losing what happened in between', async () => {
    const first = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`);
    await h.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'resume-a'));
    const a = await first.next((e) => e.type === 'ADDED' && e.summary.name === 'resume-a');
    first.close();
    await h.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'resume-b'));
    const second = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, a.id);
    try {
      const b = await second.next((e) => e.type === 'ADDED' || e.type === 'RESYNC');
      expect(b.event).toMatchObject({ type: 'ADDED', summary: { name: 'resume-b' } });
    } finally {
      second.close();
    }
  });

  it('asks for a reload when the resume point is unknown', async () => {
    const events = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, '1');
    try {
      const resync = await events.next((e) => e.type === 'RESYNC');
      expect(resync.event.type).toBe('RESYNC');
    } finally {
      events.close();
    }
  });

  it('updates the route count of a transport when a route starts using it', async () => {
    const events = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`);
    try {
      await h.kube.create(ROUTE_KIND, 'default', {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRouteTCP',
        metadata: { namespace: 'default', name: 'plain-user' },
        spec: {
          routes: [{ match: 'HostSNI(`*`)', services: [{ name: 'x', port: 1, serversTransport: 'plain' }] }],
        },
      });
      const modified = await events.next((e) => e.type === 'MODIFIED' && e.summary.name === 'plain');
      expect(modified.event).toMatchObject({ summary: { routeCount: 1 } });
    } finally {
      events.close();
    }
  });

  it('warns in the detail when another transport gets the same Traefik ID', async () => {
    await h.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'a.b'));
    await h.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'a-b'));
    await h.connection.transports.whenSynced(1000);
    while (!h.connection.transports.get('default', 'a-b')) await new Promise((r) => setTimeout(r, 20));
    const detail = (await (
      await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'a.b')}`)
    ).json()) as TransportDetail;
    expect(detail.diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'traefik.id-collision' })]),
    );
  });

  it('E-30: keeps certificate values out of every answer', async () => {
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'secure')}`);
    expect(await response.text()).not.toContain(CA_PEM.slice(30, 60));
  });
});
