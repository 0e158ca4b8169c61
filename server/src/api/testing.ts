import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { isErrorEnvelope, type ErrorEnvelope, type ProviderSettings } from '@dialtone/shared';
import { checkToken, ClusterConnection, KubeClient, type Timeouts } from '../clusters/index.js';
import { createApp, listen, serverUrl, stopServer } from '../http/index.js';
import {
  clusterRequest,
  startLocalCluster,
  type ClusterRequestInit,
  type LocalCluster,
} from '../localcluster/index.js';
import { parseCidrRange } from '../net/index.js';
import { createSecurity } from '../security/index.js';
import { TEST_KEYS, testSessionHeaders } from '../security/testing.js';
import { createApi, type Api } from './index.js';

/**
 * A real embedded cluster and the real app on 127.0.0.1, behind the same security router as
 * production, for tests. The cluster can be stopped and started again on the same port and data
 * directory, as an outage would.
 */
export interface Harness {
  url: string;
  /** The name of the cluster in API paths. */
  cluster: string;
  local: LocalCluster;
  /** Talks to the cluster as its administrator, the way kubectl would. */
  kube: KubeClient;
  /** A raw request straight to the cluster as its administrator, over HTTPS trusting its CA. */
  clusterFetch(path: string, init?: RequestInit): Promise<Response>;
  connection: ClusterConnection;
  logged: unknown[];
  stopCluster(): Promise<void>;
  startCluster(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * `local` (the default) acts as the kubeconfig's user; `proxy` trusts 127.0.0.1 as the
   * authenticating proxy, so a test names the user with `X-Forwarded-User`.
   */
  auth?: 'local' | 'proxy';
  heartbeatMs?: number;
  cacheWaitMs?: number;
  timeouts?: Timeouts;
  /**
   * Points the server at another address (a plain-http proxy in front of the cluster, given the
   * cluster's URL and CA) instead of the cluster.
   */
  serverUrl?: (clusterUrl: string, clusterCa: string) => Promise<string>;
  /** Traefik's kubernetescrd options, as `dialtone serve` takes them from its flags. */
  provider?: Partial<ProviderSettings>;
}

export const CLUSTER_NAME = 'test';

/** The real app with the API router, on 127.0.0.1, talking to one cluster through a kubeconfig. */
export interface ServedApi {
  url: string;
  connection: ClusterConnection;
  logged: unknown[];
  close(): Promise<void>;
}

export interface ServeApiOptions extends Omit<HarnessOptions, 'auth' | 'serverUrl'> {
  /** As `HarnessOptions.auth`; `token` checks logins against the cluster as `dialtone serve --auth token`. */
  auth?: 'local' | 'proxy' | 'token';
}

/** Serves Dialtone's API for the kubeconfig's current context, behind the production security router. */
export async function serveApi(config: KubeConfig, options: ServeApiOptions = {}): Promise<ServedApi> {
  const connection = new ClusterConnection({
    name: CLUSTER_NAME,
    source: 'kubeconfig',
    config,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  const directory = { clusters: [connection], defaultCluster: CLUSTER_NAME, description: 'test cluster' };
  const security = createSecurity({
    mode: options.auth ?? 'local',
    keys: TEST_KEYS,
    secureCookies: false,
    trustedProxies: [parseCidrRange('127.0.0.1/32')!],
    verifyToken: (token) => checkToken(connection, token),
    clusterSource: () => directory.description,
    // Tests write far faster than a person; the limit itself is tested on its own.
    writeLimit: { perMinute: 60_000, burst: 10_000 },
  });
  const api: Api = createApi({
    directory,
    security: security.router,
    cacheWaitMs: options.cacheWaitMs ?? 3_000,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    ...(options.provider ? { provider: options.provider } : {}),
  });
  const logged: unknown[] = [];
  const server: Server = await listen(
    createApp({ version: 'test', api: api.router, logError: (e) => logged.push(e) }),
    '127.0.0.1',
    0,
  );
  return {
    url: serverUrl(server),
    connection,
    logged,
    async close() {
      api.close();
      await connection.close();
      await stopServer(server, 100);
    },
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dialtone-harness-'));
  let local = await startLocalCluster({ port: 0, dataDir, seed: 'none' });
  const port = Number(new URL(local.url).port);
  const config = new KubeConfig();
  config.loadFromString(local.kubeconfigYaml);
  if (options.serverUrl) {
    const server = await options.serverUrl(local.url, local.ca);
    config.loadFromOptions({
      // client-node speaks plain http only when told not to verify; the proxy itself verifies the cluster.
      clusters: config.clusters.map((c) => ({ ...c, server, skipTLSVerify: true })),
      users: config.users,
      contexts: config.contexts,
      currentContext: config.currentContext,
    });
  }
  const { serverUrl: _proxied, ...served } = options;
  const app = await serveApi(config, served);
  const adminConfig = new KubeConfig();
  adminConfig.loadFromString(local.kubeconfigYaml);
  let stopped = false;
  return {
    url: app.url,
    cluster: CLUSTER_NAME,
    get local() {
      return local;
    },
    kube: new KubeClient(adminConfig),
    async clusterFetch(path, init = {}) {
      const answer = await clusterRequest(
        { url: local.url, ca: local.ca, token: local.tokens.admin },
        path,
        requestInit(init),
      );
      const empty = answer.status === 204 || answer.status === 304;
      return new Response(empty ? null : answer.text, { status: answer.status, headers: answer.headers });
    },
    connection: app.connection,
    logged: app.logged,
    async stopCluster() {
      stopped = true;
      await local.close();
    },
    async startCluster() {
      local = await startLocalCluster({ port, dataDir, seed: 'none' });
      stopped = false;
    },
    async close() {
      await app.close();
      if (!stopped) await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function requestInit(init: RequestInit): ClusterRequestInit {
  const body = init.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
    throw new Error('clusterFetch sends string or byte bodies only');
  return {
    ...(init.method ? { method: init.method } : {}),
    headers: Object.fromEntries(new Headers(init.headers).entries()),
    ...(typeof body === 'string' || body instanceof Uint8Array ? { body } : {}),
  };
}

export async function errorOf(response: Response): Promise<ErrorEnvelope['error']> {
  const body: unknown = await response.json();
  if (!isErrorEnvelope(body)) throw new Error(`not an error envelope: ${JSON.stringify(body)}`);
  return body.error;
}

/** What the dashboard's own page sends with a write: its session cookie and CSRF token. */
export function writeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { ...testSessionHeaders(), ...extra };
}

export function jsonRequest(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: writeHeaders({ 'content-type': 'application/json', ...headers }),
    body: JSON.stringify(body),
  };
}

export function yamlRequest(method: string, text: string, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: writeHeaders({ 'content-type': 'application/yaml', ...headers }), body: text };
}

export function transportObject(namespace: string, name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { namespace, name },
    spec,
  };
}
