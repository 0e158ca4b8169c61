/**
 * The embedded Kubernetes-compatible API server. The rest of Dialtone reaches it only through the URL
 * and kubeconfig returned here, with @kubernetes/client-node, exactly as it reaches a real cluster.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store/store.js';
import { ObjectService } from './rest/objects.js';
import { WatchHub } from './watch/watch.js';
import { buildOpenApi } from './http/openapi.js';
import { createHandler } from './http/handler.js';
import { ListCache } from './http/listCache.js';
import type { Tokens } from './auth/authenticate.js';
import { generateTokens } from './auth/authenticate.js';
import { loadOrCreateTokens } from './auth/tokenFile.js';
import { FileLog } from './durability/fileLog.js';
import { writeFileDurably } from './durability/dataFiles.js';
import { loadOrCreateServingMaterial } from './tls/serving.js';
import { allowedHostHeaders } from './http/guard.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { bootstrap } from './bootstrap.js';
import { seedDemo, startDemoBackendsFor } from './seed/demo.js';

export type { Tokens } from './auth/authenticate.js';
export type { ClusterAnswer, ClusterEndpoint, ClusterRequestInit } from './testing/clusterRequest.js';
export { clusterRequest, endpointFromKubeconfig, openClusterRequest } from './testing/clusterRequest.js';
export type { ResourceRule, RoleName } from './auth/policy.js';
export { ROLE_RULES } from './auth/policy.js';
export type { BackendListenOptions, BackendName, DemoBackends } from './seed/backends.js';
export { BACKEND_NAMES, FIXED_BACKEND_PORTS } from './seed/backends.js';
export type { DemoManifestsOptions } from './seed/export.js';
export { demoManifests, startDemoBackendsFromCerts } from './seed/export.js';

export interface LocalClusterOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1. The serving certificate names it besides 127.0.0.1, ::1 and localhost. */
  host?: string;
  /**
   * Keep objects, the identities' tokens and the CA here across restarts (made 0700, its files 0600).
   * Ignored when `ephemeral`.
   */
  dataDir?: string;
  /** Keep everything in memory. */
  ephemeral?: boolean;
  /** Objects to create on first start. */
  seed?: 'demo' | 'none';
  /**
   * Start the demo's TLS/TCP backends on 127.0.0.1 when the cluster holds the demo, and point its
   * EndpointSlices at them (default true).
   */
  demoBackends?: boolean;
  /** Fold the change log of `dataDir` into its snapshot after this many writes (default 5000). */
  compactAfterWrites?: number;
  /** How often idle watches that asked for bookmarks get one; clients give up after 30 s of silence. */
  watchBookmarkIntervalMs?: number;
}

export interface LocalCluster {
  /** `https://127.0.0.1:PORT`; the serving certificate is signed by `ca`. */
  url: string;
  /** PEM of the CA that signed the serving certificate; the kubeconfig carries it too. */
  ca: string;
  /** The same CA as a file (`ca.crt` beside the kubeconfig), for clients that take a path. */
  caPath: string;
  /** A kubeconfig file with one context per identity; the administrator's is current. */
  kubeconfigPath: string;
  kubeconfigYaml: string;
  /** Bearer tokens of the demo identities: admin (everything), editor, viewer. */
  tokens: Tokens;
  /** `127.0.0.1:port` of each demo backend; empty when they were not started. */
  backendEndpoints: string[];
  close(): Promise<void>;
}

export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const host = options.host ?? '127.0.0.1';
  const durable = !options.ephemeral && options.dataDir !== undefined;
  const log =
    durable && options.dataDir ? FileLog.open(options.dataDir, options.compactAfterWrites) : undefined;
  const tokens = durable && options.dataDir ? loadOrCreateTokens(options.dataDir) : generateTokens();
  const tempDir = durable ? undefined : mkdtempSync(join(tmpdir(), 'dialtone-cluster-'));
  const configDir = (durable ? log?.directory : tempDir) ?? tmpdir();
  const tls = loadOrCreateServingMaterial(configDir, host);
  const store = new Store(log);
  const firstStart = !log || log.restored.objects.length === 0;
  if (log) {
    store.restore(log.restored);
    log.compactFrom(() => store.snapshot());
  }
  const objects = new ObjectService(store);
  bootstrap(store, objects);
  if (firstStart && options.seed === 'demo') seedDemo(objects);
  const backends = options.demoBackends === false ? undefined : await startDemoBackendsFor(objects);
  // Nothing written before the server listens can be watched from; older resourceVersions are expired.
  store.compactHistory();

  const watches = new WatchHub(store);
  let url = '';
  let hosts: ReadonlySet<string> = new Set();
  const server = createServer(
    { cert: tls.certPem, key: tls.keyPem },
    createHandler({
      objects,
      watches,
      openapi: buildOpenApi(),
      tokens,
      serverAddress: () => url.replace(/^https:\/\//, ''),
      hosts: () => hosts,
      bookmarkIntervalMs: options.watchBookmarkIntervalMs ?? 10_000,
      lists: new ListCache(),
    }),
  );
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await backends?.close();
    log?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `port ${options.port} on ${host} is already in use: stop what listens there, or choose another port`,
        { cause: error },
      );
    }
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `https://${shownHost}:${address.port}`;
  hosts = allowedHostHeaders(host, address.port);

  const yaml = kubeconfigYaml(url, tls.caPem, tokens);
  const kubeconfigPath = join(configDir, 'kubeconfig.yaml');
  writeFileDurably(kubeconfigPath, configDir, yaml);

  let closed: Promise<void> | undefined;
  return {
    url,
    ca: tls.caPem,
    caPath: join(configDir, 'ca.crt'),
    kubeconfigPath,
    kubeconfigYaml: yaml,
    tokens,
    backendEndpoints: backends ? backends.endpoints() : [],
    close() {
      closed ??= new Promise<void>((resolve) => {
        watches.closeAll();
        server.close(() => {
          void backends?.close();
          log?.close();
          if (tempDir) rmSync(tempDir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
