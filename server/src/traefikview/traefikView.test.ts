import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraefikOverviewResponse, TransportTraefikResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { clusterRequest, startLocalCluster, type LocalCluster } from '../localcluster/index.js';
import { testSessionHeaders } from '../security/testing.js';
import { parseTraefikApi } from './instances.js';
import {
  BROKEN_ROUTER,
  HASH,
  RECORDED,
  serveWithTraefik,
  startFakeTraefik,
  type FakeTraefik,
} from './testing.js';

async function kube(local: LocalCluster, path: string, body: object): Promise<void> {
  const answer = await clusterRequest({ url: local.url, ca: local.ca, token: local.tokens.admin }, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${answer.text}`);
}

function route(name: string, transport: string, entryPoint: string, service: object = {}) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRouteTCP',
    metadata: { name, namespace: 'demo' },
    spec: {
      entryPoints: [entryPoint],
      routes: [
        {
          match: 'HostSNI(`*`)',
          services: [{ name: 'backend', port: 80, serversTransport: transport, ...service }],
        },
      ],
    },
  };
}

/** Traefik's Service in the cluster, its one endpoint on the fake's loopback port. */
async function traefikService(local: LocalCluster, port: number): Promise<void> {
  await kube(local, '/api/v1/namespaces/traefik/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'traefik', namespace: 'traefik', labels: { 'app.kubernetes.io/name': 'traefik' } },
    spec: { ports: [{ name: 'traefik', port: 9000, targetPort: 9000 }] },
  });
  await kube(local, '/apis/discovery.k8s.io/v1/namespaces/traefik/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'traefik-1',
      namespace: 'traefik',
      labels: { 'kubernetes.io/service-name': 'traefik' },
    },
    addressType: 'IPv4',
    ports: [{ name: 'traefik', port }],
    endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
  });
}

/** The first instance's view of a transport in namespace demo, as the cluster admin sees it. */
async function adminView(url: string, transport: string) {
  const res = await fetch(`${url}${apiPaths.transportTraefik('test', 'demo', transport)}`, {
    headers: {
      ...testSessionHeaders(),
      'x-forwarded-user': 'admin',
      'x-forwarded-groups': 'system:masters',
    },
  });
  return ((await res.json()) as TransportTraefikResponse).instances[0]!;
}

describe("Traefik's view beside Dialtone's, read from a fake Traefik API", () => {
  let local: LocalCluster;
  let fake: FakeTraefik;
  let slow: FakeTraefik;
  let dialtone: Awaited<ReturnType<typeof serveWithTraefik>>;

  const get = async <T>(path: string, user = 'admin'): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${dialtone.url}${path}`, {
      headers: {
        ...testSessionHeaders(),
        'x-forwarded-user': user,
        ...(user === 'admin' ? { 'x-forwarded-groups': 'system:masters' } : {}),
      },
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
    for (const ns of ['demo', 'traefik'])
      await kube(local, '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    const transport = (name: string, spec: object) => ({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name, namespace: 'demo' },
      spec,
    });
    const transports = '/apis/traefik.io/v1alpha1/namespaces/demo/serverstransporttcps';
    await kube(local, transports, transport('good', { dialTimeout: '5s' }));
    await kube(local, transports, transport('broken', { proxyProtocol: {} }));
    await kube(local, transports, transport('idle', {}));
    const routes = '/apis/traefik.io/v1alpha1/namespaces/demo/ingressroutetcps';
    await kube(local, routes, route('route-good', 'good', 'tcp'));
    await kube(local, routes, route('route-broken', 'broken', 'tcp2'));
    // Routes whose one service the provider refuses under its defaults, each with its own transport.
    await kube(local, transports, transport('crossed', {}));
    await kube(local, transports, transport('external', { tls: { rootCAs: [{ secret: 'absent-ca' }] } }));
    await kube(local, routes, route('route-crossed', 'crossed', 'tcp3', { namespace: 'traefik' }));
    await kube(local, '/api/v1/namespaces/demo/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'outside', namespace: 'demo' },
      spec: { type: 'ExternalName', externalName: 'backend.example.com', ports: [{ name: 'tcp', port: 80 }] },
    });
    await kube(local, routes, route('route-external', 'external', 'tcp4', { name: 'outside' }));
    fake = await startFakeTraefik(RECORDED);
    const hang = () => undefined;
    slow = await startFakeTraefik({
      '/api/version': hang,
      '/api/overview': hang,
      '/api/tcp/routers': hang,
      '/api/tcp/services': hang,
    });
    await traefikService(local, fake.port);
    dialtone = await serveWithTraefik(
      local,
      [
        parseTraefikApi(`test=${fake.url}`),
        parseTraefikApi('test=service:traefik/traefik:traefik'),
        parseTraefikApi(`test=${slow.url}`),
      ],
      { timeoutMs: 1_000, maxBytes: 1024 * 1024, perPage: 100 },
    );
  });

  afterAll(async () => {
    await dialtone?.close();
    await fake?.close();
    await slow?.close();
    await local?.close();
  });

  it('lists every instance with each transport loaded, in error or not used, and counts routers in error', async () => {
    const { status, body } = await get<TraefikOverviewResponse>(apiPaths.traefik('test'));
    expect(status).toBe(200);
    const [direct, proxied, hung] = body.instances;
    for (const instance of [direct, proxied]) {
      expect(instance?.state).toBe('ok');
      expect(instance?.version).toBe('3.7.9');
      expect(instance?.overview?.routers).toEqual({ total: 2, warnings: 0, errors: 1 });
      expect(instance?.transports['demo-good@kubernetescrd']).toEqual({
        verdict: 'loaded',
        routers: 1,
        routersInError: 0,
      });
      expect(instance?.transports['demo-broken@kubernetescrd']).toEqual({
        verdict: 'in-error',
        routers: 1,
        routersInError: 1,
      });
      expect(instance?.transports['demo-idle@kubernetescrd']).toBeUndefined();
    }
    expect(proxied?.instance).toEqual({
      id: 'traefik/traefik:traefik',
      via: 'service-proxy',
      target: 'service:traefik/traefik:traefik',
    });
    expect(hung?.state).toBe('error');
    expect(hung?.error).toMatch(/did not answer within 1 s/);
    // Configured already, so it is not suggested again.
    expect(body.suggestions).toEqual([]);
  });

  it("shows Traefik's statuses and errors for the routes using a transport, mapped back to their IngressRouteTCP", async () => {
    const { body } = await get<TransportTraefikResponse>(apiPaths.transportTraefik('test', 'demo', 'broken'));
    expect(body.traefikId).toBe('demo-broken@kubernetescrd');
    const view = body.instances[0]!;
    expect(view.verdict).toBe('in-error');
    expect(view.services).toEqual([
      expect.objectContaining({
        name: `demo-route-broken-${HASH}@kubernetescrd`,
        status: 'enabled',
        serversTransport: 'demo-broken@kubernetescrd',
        origin: { namespace: 'demo', name: 'route-broken', routeIndex: 0 },
      }),
    ]);
    expect(view.routers[0]).toMatchObject({
      name: BROKEN_ROUTER,
      status: 'disabled',
      errors: ['unknown proxyProtocol version: 0'],
      origin: { name: 'route-broken' },
    });
    // Dialtone predicts this error too (lint), so the two agree.
    expect(view.prediction.verdict).toBe('in-error');
    expect(view.disagreements).toEqual([]);
  });

  it('says plainly where Traefik and the prediction disagree, and which settings could explain it', async () => {
    // Traefik uses "idle" from a route Dialtone does not know of (e.g. cross-namespace allowed in Traefik).
    const other = await startFakeTraefik({
      ...RECORDED,
      '/api/tcp/routers': [
        { ...RECORDED['/api/tcp/routers'][0], name: 'other-r@kubernetescrd', service: 'other-s' },
      ],
      '/api/tcp/services': [
        {
          loadBalancer: { serversTransport: 'demo-idle@kubernetescrd' },
          status: 'enabled',
          name: 'other-s@kubernetescrd',
          provider: 'kubernetescrd',
        },
      ],
    });
    const served = await serveWithTraefik(local, [parseTraefikApi(`test=${other.url}`)]);
    // The same, served as `dialtone serve --allow-cross-namespace --cross-provider-namespaces demo`.
    const mirrored = await serveWithTraefik(local, [parseTraefikApi(`test=${other.url}`)], undefined, {
      allowCrossNamespace: true,
      crossProviderNamespaces: ['demo'],
    });
    const viewOf = (url: string) => adminView(url, 'idle');
    try {
      const view = await viewOf(served.url);
      expect(view.verdict).toBe('loaded');
      expect(view.prediction.verdict).toBe('not-used');
      expect(view.disagreements).toHaveLength(1);
      expect(view.disagreements[0]?.traefik).toMatch(
        /Traefik uses it from 1 router \(other-r@kubernetescrd\)/,
      );
      expect(view.disagreements[0]?.dialtone).toBe('Dialtone predicted that no route uses it');
      const explained = view.disagreements[0]?.explanations.join('\n') ?? '';
      // Each setting says what Dialtone assumed, so a mismatch with Traefik's own is plain to see.
      expect(explained).toMatch(
        /allowCrossNamespace.*Dialtone assumes it is off \(--allow-cross-namespace\)/,
      );
      expect(explained).toMatch(/crossProviderNamespaces.*Dialtone assumes unset, so every namespace may/);
      const told = (await viewOf(mirrored.url)).disagreements[0]?.explanations.join('\n') ?? '';
      expect(told).toMatch(/Dialtone assumes it is on \(--allow-cross-namespace\)/);
      expect(told).toMatch(/Dialtone assumes only demo \(--cross-provider-namespaces\)/);
    } finally {
      await mirrored.close();
      await served.close();
      await other.close();
    }
  });

  it("predicts the routers Traefik makes in error when its provider refuses the route's service, and agrees with it", async () => {
    // Traefik still makes the router of a refused service; it points at a service that does not exist.
    const refused = (router: string, entryPoint: string) => ({
      entryPoints: [entryPoint],
      service: router.replace(/@kubernetescrd$/, ''),
      rule: 'HostSNI(`*`)',
      error: [`the service "${router}" does not exist`],
      status: 'disabled',
      name: router,
      provider: 'kubernetescrd',
    });
    const crossedRouter = `demo-route-crossed-${HASH}@kubernetescrd`;
    const externalRouter = `demo-route-external-${HASH}@kubernetescrd`;
    const refusing = await startFakeTraefik({
      ...RECORDED,
      '/api/tcp/routers': [refused(crossedRouter, 'tcp3'), refused(externalRouter, 'tcp4')],
      '/api/tcp/services': [],
    });
    const served = await serveWithTraefik(local, [parseTraefikApi(`test=${refusing.url}`)]);
    const viewOf = (transport: string) => adminView(served.url, transport);
    try {
      const crossed = await viewOf('crossed');
      expect(crossed.verdict).toBe('in-error');
      expect(crossed.routers).toEqual([
        expect.objectContaining({
          name: crossedRouter,
          status: 'disabled',
          origin: { namespace: 'demo', name: 'route-crossed', routeIndex: 0 },
        }),
      ]);
      expect(crossed.prediction.verdict).toBe('in-error');
      expect(crossed.prediction.reasons.join('\n')).toMatch(
        /tcp service traefik\/backend is not in the parent resource namespace demo/,
      );
      expect(crossed.disagreements).toEqual([]);

      // The ExternalName type is read from the cluster's Service, as Traefik's provider reads it.
      const external = await viewOf('external');
      expect(external.verdict).toBe('in-error');
      expect(external.routers.map((r) => r.name)).toEqual([externalRouter]);
      expect(external.prediction.verdict).toBe('in-error');
      expect(external.prediction.reasons.join('\n')).toMatch(
        /externalName services not allowed: demo\/outside/,
      );
      expect(external.disagreements).toEqual([]);
      // The missing CA Secret is part of the prediction too: Traefik loads the transport without it.
      expect(external.prediction.notes?.join('\n')).toMatch(
        /rootCAs names Secret absent-ca, and there is no such Secret in demo/,
      );
    } finally {
      await served.close();
      await refusing.close();
    }
  });

  it("reaches Traefik through the service proxy with the user's identity, and says what is missing", async () => {
    const { body } = await get<TraefikOverviewResponse>(apiPaths.traefik('test'), 'stranger');
    const proxied = body.instances[1];
    expect(proxied?.state).toBe('error');
    expect(proxied?.error).toMatch(
      /may not use the service proxy of traefik\/traefik: it needs get on services\/proxy/,
    );
    // The direct URL is the server's own network access, configured by whoever runs it.
    expect(body.instances[0]?.state).toBe('ok');
    expect(body.suggestionsError).toMatch(/could not be listed with your identity/);
    const viewer = await get<TraefikOverviewResponse>(apiPaths.traefik('test'), 'viewer');
    expect(viewer.body.instances[1]?.state).toBe('ok');
  });
});

describe('a hostile Traefik API', () => {
  let local: LocalCluster;
  beforeAll(async () => {
    local = await startLocalCluster({ port: 0, ephemeral: true, seed: 'none' });
    await kube(local, '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'traefik' },
    });
    await traefikService(local, 1);
  });
  afterAll(() => local?.close());

  const overviewFrom = async (answers: Parameters<typeof startFakeTraefik>[0]) => {
    const fake = await startFakeTraefik(answers);
    const served = await serveWithTraefik(local, [parseTraefikApi(`test=${fake.url}`)], {
      timeoutMs: 1_000,
      maxBytes: 64 * 1024,
      perPage: 100,
    });
    try {
      const started = Date.now();
      const res = await fetch(`${served.url}${apiPaths.traefik('test')}`, {
        headers: {
          ...testSessionHeaders(),
          'x-forwarded-user': 'admin',
          'x-forwarded-groups': 'system:masters',
        },
      });
      const body = (await res.json()) as TraefikOverviewResponse;
      return { body, ms: Date.now() - started, status: res.status };
    } finally {
      await served.close();
      await fake.close();
    }
  };

  it('answers a huge response with a clear message instead of reading it', async () => {
    const { body } = await overviewFrom({
      ...RECORDED,
      '/api/tcp/routers': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = `[${'{"name":"x","status":"enabled"},'.repeat(4000)}`;
        // Streams without end: only the cap stops it.
        const timer = setInterval(() => res.write(chunk), 1);
        res.on('close', () => clearInterval(timer));
      },
    });
    expect(body.instances[0]?.state).toBe('error');
    expect(body.instances[0]?.error).toMatch(/answered with more than 64 KiB, more than Dialtone reads/);
  });

  it('answers a slow API within the deadline, with a message naming it', async () => {
    const { body, ms } = await overviewFrom({
      ...RECORDED,
      '/api/tcp/services': (_req, res) => {
        setTimeout(() => res.writeHead(200).end('[]'), 10_000).unref();
      },
    });
    expect(body.instances[0]?.error).toMatch(/\/api\/tcp\/services did not answer within 1 s/);
    expect(ms).toBeLessThan(5_000);
  });

  it('drops wrong shapes and cleans hostile strings', async () => {
    const wrong = await overviewFrom({ ...RECORDED, '/api/tcp/routers': { not: 'a list' } });
    expect(wrong.body.instances[0]?.error).toMatch(/\/api\/tcp\/routers is not a JSON array/);
    const notJson = await overviewFrom({
      ...RECORDED,
      '/api/version': (_q, res) => res.writeHead(200).end('<html>'),
    });
    expect(notJson.body.instances[0]?.error).toMatch(/did not answer JSON/);
  });
});
