import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { ProviderSettings } from '@dialtone/shared';
import { createApi } from '../api/index.js';
import { ClusterConnection } from '../clusters/index.js';
import { createApp, listen, serverUrl, stopServer } from '../http/index.js';
import type { LocalCluster } from '../localcluster/index.js';
import { parseCidrRange } from '../net/index.js';
import { createSecurity } from '../security/index.js';
import { TEST_KEYS } from '../security/testing.js';
import { TraefikViews } from './traefikViews.js';
import type { TraefikApiConfig } from './instances.js';
import type { ReadOptions } from './reader.js';

// sha256("HostSNI(`*`)") cut to 10 bytes, as Traefik's makeServiceKey prints it (`%.10x`).
export const HASH = '673acf455cb2dab0b43a';
export const GOOD_ROUTER = `demo-route-good-${HASH}@kubernetescrd`;
export const BROKEN_ROUTER = `demo-route-broken-${HASH}@kubernetescrd`;

/** The shapes Traefik v3.7.9 answers with: a healthy transport and one with `proxyProtocol: {}`. */
export const RECORDED = {
  '/api/version': { Version: '3.7.9', Codename: 'test', startDate: '2025-01-01T00:00:00Z' },
  '/api/overview': {
    http: {},
    tcp: {
      routers: { total: 2, warnings: 0, errors: 1 },
      services: { total: 2, warnings: 0, errors: 1 },
      middlewares: { total: 0, warnings: 0, errors: 0 },
    },
    udp: {},
  },
  '/api/tcp/routers': [
    {
      entryPoints: ['tcp'],
      service: `demo-route-good-${HASH}`,
      rule: 'HostSNI(`*`)',
      status: 'enabled',
      using: ['tcp'],
      name: GOOD_ROUTER,
      provider: 'kubernetescrd',
    },
    {
      entryPoints: ['tcp2'],
      service: `demo-route-broken-${HASH}`,
      rule: 'HostSNI(`*`)',
      // Traefik refuses the transport's dialer while building the router: the error is the router's.
      error: ['unknown proxyProtocol version: 0'],
      status: 'disabled',
      using: ['tcp2'],
      name: BROKEN_ROUTER,
      provider: 'kubernetescrd',
    },
  ],
  '/api/tcp/services': [
    {
      loadBalancer: { servers: [{ address: '127.0.0.1:1' }], serversTransport: 'demo-good' },
      status: 'enabled',
      usedBy: [GOOD_ROUTER],
      serverStatus: { '127.0.0.1:1': 'UP' },
      name: `demo-route-good-${HASH}@kubernetescrd`,
      provider: 'kubernetescrd',
      type: 'loadbalancer',
    },
    {
      loadBalancer: { servers: [{ address: '127.0.0.1:2' }], serversTransport: 'demo-broken' },
      status: 'enabled',
      usedBy: [BROKEN_ROUTER],
      name: `demo-route-broken-${HASH}@kubernetescrd`,
      provider: 'kubernetescrd',
      type: 'loadbalancer',
    },
  ],
};

/** A stand-in for Traefik's API: each path answers what the test says, as Traefik shapes it. */
export interface FakeTraefik {
  url: string;
  port: number;
  /** Requests seen, by path with query. */
  seen: string[];
  close(): Promise<void>;
}

export type FakeAnswer = (req: IncomingMessage, res: ServerResponse) => void;

/** Answers `/api/version`, `/api/overview`, `/api/tcp/routers` and `/api/tcp/services` from JSON, or by hand. */
export async function startFakeTraefik(
  answers: Record<string, FakeAnswer | Record<string, unknown> | unknown[]>,
): Promise<FakeTraefik> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const answer = answers[path];
    if (typeof answer === 'function') {
      (answer as FakeAnswer)(req, res);
      return;
    }
    if (answer === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-next-page': '1' })
      .end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Dialtone's API for one embedded cluster, users named by `X-Forwarded-User` as behind a proxy. */
export async function serveWithTraefik(
  local: LocalCluster,
  apis: TraefikApiConfig[],
  read?: ReadOptions,
  provider?: Partial<ProviderSettings>,
): Promise<{ url: string; cluster: string; close(): Promise<void> }> {
  const config = new KubeConfig();
  config.loadFromString(local.kubeconfigYaml);
  const connection = new ClusterConnection({ name: 'test', source: 'kubeconfig', config });
  const security = createSecurity({
    mode: 'proxy',
    keys: TEST_KEYS,
    secureCookies: false,
    trustedProxies: [parseCidrRange('127.0.0.1/32')!],
  });
  const api = createApi({
    directory: { clusters: [connection], defaultCluster: 'test', description: 'test cluster' },
    security: security.router,
    cacheWaitMs: 3_000,
    traefik: new TraefikViews({ instances: new Map([['test', apis]]), ...(read ? { read } : {}) }),
    ...(provider ? { provider } : {}),
  });
  const server = await listen(createApp({ version: 'test', api: api.router }), '127.0.0.1', 0);
  return {
    url: serverUrl(server),
    cluster: 'test',
    async close() {
      api.close();
      await connection.close();
      await stopServer(server, 100);
    },
  };
}
