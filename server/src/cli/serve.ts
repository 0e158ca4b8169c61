import { homedir } from 'node:os';
import type { Server } from 'node:http';
import type { ReadyResponse } from '@dialtone/shared';
import { createApi } from '../api/index.js';
import { checkToken, ClusterConfigError, loadClusters, type LoadedClusters } from '../clusters/index.js';
import { parseCidrRange } from '../net/index.js';
import { TargetPolicy } from '../probe/index.js';
import { instancesByCluster, TraefikConfigError, TraefikViews } from '../traefikview/index.js';
import { createLogger, createMetrics } from '../observability/index.js';
import { createApp, createMetricsApp, listen, serverUrl, stopServer } from '../http/index.js';
import { createSecurity, loadSecurityKeys, SessionKeyError } from '../security/index.js';
import { SERVER_VERSION } from '../version.js';
import { describeClusterSource, resolveClusterSource } from './clusterSource.js';
import { MAIN_HELP } from './help.js';
import type { CliIO } from './io.js';
import { hostPolicyFor, isLoopbackHost, parseServeOptions } from './serveOptions.js';
import { untilStopped } from './untilStopped.js';

/**
 * `dialtone serve`: runs the dashboard until SIGINT or SIGTERM (or `stop`, for tests) and then
 * resolves with 0 once connections are closed.
 */
export async function runServeCommand(args: string[], io: CliIO, stop?: AbortSignal): Promise<number> {
  const options = parseServeOptions(args, io.cwd);
  if (options.help) {
    io.stdout.write(MAIN_HELP);
    return 0;
  }
  if (!isLoopbackHost(options.host) && options.auth === 'local') {
    io.stderr.write(
      `Warning: ${options.host} is not a loopback address and --auth local acts with your kubeconfig's rights ` +
        'for anyone who can reach it. Use --auth token or --auth proxy to serve other people.\n',
    );
  }
  const source = resolveClusterSource(options, process.env, homedir());
  let clusters: LoadedClusters;
  try {
    clusters = await loadClusters(source, (message) => io.stderr.write(`dialtone serve: ${message}\n`));
  } catch (error) {
    if (!(error instanceof ClusterConfigError)) throw error;
    io.stderr.write(`dialtone serve: ${describeClusterSource(source)} But ${error.message}\n`);
    return 1;
  }
  let security;
  try {
    const keys = loadSecurityKeys(process.env);
    if (!keys.shared && options.auth !== 'local') {
      io.stderr.write(
        'Warning: DIALTONE_SESSION_KEY is not set, so sessions end when this process stops and other replicas ' +
          'do not accept them. Set it to 32 random bytes, the same on every replica.\n',
      );
    }
    security = createSecurity({
      mode: options.auth,
      keys,
      secureCookies: options.secureCookies,
      trustedProxies: options.trustedProxies.map((cidr) => parseCidrRange(cidr)!),
      userHeader: options.userHeader,
      groupsHeader: options.groupsHeader,
      verifyToken: (token, name) => {
        const cluster =
          name === undefined ? clusters.clusters[0] : clusters.clusters.find((c) => c.name === name);
        if (!cluster) {
          const message =
            name === undefined ? 'No cluster is configured.' : `There is no cluster named ${name}.`;
          return Promise.resolve({ ok: false, status: name === undefined ? 503 : 401, message });
        }
        return checkToken(cluster, token);
      },
      clusterSource: () => clusters.description,
      ...(localUser(clusters) ? { localUser: localUser(clusters)! } : {}),
    });
  } catch (error) {
    await clusters.close();
    if (!(error instanceof SessionKeyError)) throw error;
    io.stderr.write(`dialtone serve: ${error.message}\n`);
    return 1;
  }
  const logger = createLogger({
    level: process.env['DIALTONE_LOG_LEVEL'] ?? (options.auth === 'local' ? 'warn' : 'info'),
    destination: io.stdout,
  });
  let traefikInstances;
  try {
    traefikInstances = instancesByCluster(
      options.traefikApi,
      clusters.clusters.map((c) => c.name),
      clusters.defaultCluster ?? clusters.clusters[0]?.name,
    );
  } catch (error) {
    await clusters.close();
    if (!(error instanceof TraefikConfigError)) throw error;
    io.stderr.write(`dialtone serve: ${error.message}\n`);
    return 1;
  }
  const api = createApi({
    directory: clusters,
    traefik: new TraefikViews({ instances: traefikInstances }),
    provider: options.provider,
    security: security.router,
    probe: {
      policy: new TargetPolicy({ allow: options.probeAllow, allowEndpoints: clusters.demoEndpoints ?? [] }),
      // Who dialled what is an audit record: written whatever level the other logs are at.
      logger: createLogger({ level: 'info', destination: io.stdout }),
      spiffeConfigured: options.traefikSpiffe,
    },
  });
  const metrics = createMetrics();
  metrics.observeCaches(() =>
    clusters.clusters.flatMap((c) =>
      [c.transports, c.routes].map((cache) => ({
        cluster: c.name,
        resource: cache.kind.plural,
        size: cache.size,
        synced: cache.state === 'synced',
        lists: cache.listCount,
      })),
    ),
  );
  const hosts = hostPolicyFor(options);
  const app = createApp({
    version: SERVER_VERSION,
    api: api.router,
    readiness: () => readiness(clusters),
    observability: { logger, metrics, ...metricsPlace(options.auth, options.metricsPort) },
    logError: (error) => logger.error({ err: error }, 'unexpected error'),
    ...(hosts ? { hosts } : {}),
  });

  let server: Server;
  let metricsServer: Server | undefined;
  let listening = options.port;
  try {
    server = await listen(app, options.host, options.port);
    if (options.metricsPort !== undefined) {
      listening = options.metricsPort;
      metricsServer = await listen(createMetricsApp(metrics), options.host, options.metricsPort).catch(
        async (error: unknown) => {
          await stopServer(server, 0);
          throw error;
        },
      );
    }
  } catch (error) {
    io.stderr.write(`dialtone serve: ${describeListenError(error, options.host, listening)}\n`);
    api.close();
    await clusters.close();
    return 1;
  }
  io.stdout.write(`Dialtone is serving on ${serverUrl(server)} (--auth ${options.auth})\n`);
  if (metricsServer) io.stdout.write(`Metrics on ${serverUrl(metricsServer)}/metrics\n`);
  io.stdout.write(`${clusters.description}\n`);
  if (clusters.kubeconfigPath) {
    io.stdout.write(
      `kubectl can reach it too: kubectl --kubeconfig ${clusters.kubeconfigPath} get serverstransporttcps -A\n`,
    );
  }

  if (clusters.demoTokens && options.auth === 'token') {
    const users = Object.entries(clusters.demoTokens).map(([user, token]) => `  ${user}: ${token}`);
    io.stdout.write(`Log in with one of the demo cluster's users:\n${users.join('\n')}\n`);
  }

  await untilStopped(stop);
  io.stdout.write('Dialtone is shutting down.\n');
  await stopServer(server);
  if (metricsServer) await stopServer(metricsServer);
  api.close();
  await clusters.close();
  return 0;
}

/**
 * Metrics name the clusters and count their objects, which nobody should learn before logging in;
 * in token and proxy mode they are served only on --metrics-port, for the scraper.
 */
function metricsPlace(auth: string, metricsPort: number | undefined): { metricsElsewhere?: string } {
  if (metricsPort !== undefined) return { metricsElsewhere: `Metrics are served on port ${metricsPort}.` };
  if (auth === 'local') return {};
  return {
    metricsElsewhere: `With --auth ${auth}, metrics are not served on the dashboard's port. Start Dialtone with --metrics-port N and scrape that port.`,
  };
}

/** The kubeconfig user of the first cluster: who `--auth local` acts as. */
function localUser(clusters: LoadedClusters): string | undefined {
  return clusters.clusters[0]?.serviceClient.config.getCurrentUser()?.name;
}

/** Ready when the first cluster answers; a dashboard without its cluster can only show errors. */
async function readiness(clusters: LoadedClusters): Promise<ReadyResponse> {
  const first = clusters.clusters[0];
  if (!first) return { status: 'not_ready', reason: 'no cluster is configured' };
  try {
    await first.serviceClient.version();
    return { status: 'ready' };
  } catch (error) {
    return {
      status: 'not_ready',
      reason: `cluster ${first.name} is not reachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function describeListenError(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use. Stop the program using it or choose another port with --port.`;
    case 'EACCES':
      return `not allowed to listen on ${host}:${port}. Choose a port above 1023 with --port.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. Choose one of its addresses with --host.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host name ${host}. Give an IP address with --host.`;
    default:
      return `cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
