import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { traefikArgs } from '../traefik/traefikProcess.js';

/** What `npm run demo:traefik` was asked for. */
export interface DemoOptions {
  /** A running demo's kubeconfig: start Traefik beside it. Absent: start `dialtone --demo` too. */
  kubeconfig?: string;
  /** Port of Traefik's API on 127.0.0.1 (default: 9000 beside a running demo, else a free one). */
  apiPort?: number;
  /** Port of the dashboard when the script starts it. */
  port: number;
}

export const DEMO_USAGE = `Usage: npm run demo:traefik [-- --kubeconfig FILE] [--api-port N] [--port N]

Runs Traefik v3.7.9 (built from its Go module into e2e/upstream/bin) against the embedded demo
cluster, with an entry point on 127.0.0.1 for each entry point the demo's IngressRouteTCPs name.

  (no --kubeconfig)   start dialtone --demo on --port (default 7300) with --traefik-api set, then
                      Traefik against its cluster
  --kubeconfig FILE   start only Traefik, beside a running demo: FILE is the path dialtone --demo
                      or dialtone cluster prints after "kubectl --kubeconfig"
  --api-port N        port of Traefik's API on 127.0.0.1 (default 9000 with --kubeconfig)
`;

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${flag} must be a port number, not "${value}"`);
  return n;
}

export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      kubeconfig: { type: 'string' },
      'api-port': { type: 'string' },
      port: { type: 'string' },
    },
  });
  const apiPort = port(values['api-port'], '--api-port') ?? (values.kubeconfig ? 9000 : undefined);
  return {
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(apiPort !== undefined ? { apiPort } : {}),
    port: port(values.port, '--port') ?? 7300,
  };
}

/** The cluster of a kubeconfig's current context, as Traefik's kubernetescrd provider takes it. */
export interface ClusterAccess {
  server: string;
  token: string;
  caPem: string;
}

export function clusterAccess(kubeconfigYaml: string): ClusterAccess {
  const config = new KubeConfig();
  config.loadFromString(kubeconfigYaml);
  const cluster = config.getCurrentCluster();
  const token = config.getCurrentUser()?.token;
  if (!cluster || !token) {
    throw new Error(
      "the kubeconfig's current context has no cluster or no token; give the kubeconfig dialtone --demo prints",
    );
  }
  const caPem = cluster.caData
    ? Buffer.from(cluster.caData, 'base64').toString('utf8')
    : cluster.caFile
      ? readFileSync(cluster.caFile, 'utf8')
      : undefined;
  if (!caPem) throw new Error("the kubeconfig's cluster has no certificate authority");
  return { server: cluster.server, token, caPem };
}

// Traefik reads entry point names from its flags' keys; anything else would not be one name.
const ENTRY_POINT_NAME = /^[A-Za-z0-9_-]{1,63}$/;

/** The entry points the routes name, once each and sorted; `traefik` is the API's own. */
export function entryPointNames(routes: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (const route of routes) {
    const entryPoints = (route as { spec?: { entryPoints?: unknown } } | null)?.spec?.entryPoints;
    if (!Array.isArray(entryPoints)) continue;
    for (const name of entryPoints) {
      if (typeof name === 'string' && ENTRY_POINT_NAME.test(name) && name !== 'traefik') names.add(name);
    }
  }
  return [...names].sort();
}

/** Traefik's command line for the demo: the provider on the demo cluster, everything on loopback. */
export function demoTraefikArgs(
  access: ClusterAccess,
  caPath: string,
  apiPort: number,
  entryPoints: ReadonlyMap<string, number>,
): string[] {
  return traefikArgs({
    endpoint: access.server,
    token: access.token,
    caPath,
    apiPort,
    entryPoints,
    logLevel: 'INFO',
  });
}

/** The flag that points a dashboard at this Traefik; without a context it is the default cluster's. */
export function traefikApiFlag(apiPort: number): string[] {
  return ['--traefik-api', `http://127.0.0.1:${apiPort}`];
}

/** The kubeconfig path that `dialtone --demo` and `dialtone cluster` print at startup. */
export function kubeconfigFromOutput(output: string): string | undefined {
  return /kubectl --kubeconfig (\S+)/.exec(output)?.[1];
}
