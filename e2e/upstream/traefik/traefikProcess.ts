import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upstreamBinary } from '../support/binaries.js';
import { freePort, withFreshPorts } from '../support/ports.js';
import { startProgram, waitUntilReady, type RunningProgram } from '../support/process.js';

export interface TraefikOptions {
  /** The API server Traefik's kubernetescrd provider watches, with the credentials it uses. */
  endpoint: string;
  token: string;
  caPem: string;
  /** Entry point names to open, each on its own loopback port. */
  entryPoints: string[];
  /** Provider options; everything else stays at Traefik's defaults. */
  allowExternalNameServices?: boolean;
  allowCrossNamespace?: boolean;
  /** Namespaces the provider watches (all when absent). */
  namespaces?: string[];
  /** Where Traefik's log goes, kept after the run so a disagreement can be explained. */
  logDir: string;
}

export interface TcpRouterInfo {
  name: string;
  entryPoints?: string[];
  service?: string;
  rule?: string;
  status: 'enabled' | 'disabled' | 'warning';
  error?: string[];
}

export interface TcpServiceInfo {
  name: string;
  status: 'enabled' | 'disabled' | 'warning';
  error?: string[];
  serverStatus?: Record<string, string>;
}

export interface RunningTraefik {
  program: RunningProgram;
  /** `http://127.0.0.1:port`: the API entry point, as `--traefik-api` takes it. */
  apiUrl: string;
  /** `127.0.0.1:port` of each entry point. */
  entryPointAddress(name: string): string;
  routers(): Promise<TcpRouterInfo[]>;
  services(): Promise<TcpServiceInfo[]>;
  version(): Promise<{ Version: string }>;
  /** Traefik's own log since it started, to show why it refused something. */
  log(): string;
  close(): Promise<void>;
}

/** What `traefikArgs` needs: the cluster, and a loopback port for the API and each entry point. */
export interface TraefikArgsOptions extends Pick<
  TraefikOptions,
  'endpoint' | 'token' | 'namespaces' | 'allowCrossNamespace' | 'allowExternalNameServices'
> {
  caPath: string;
  apiPort: number;
  entryPoints: ReadonlyMap<string, number>;
  logLevel: 'DEBUG' | 'INFO';
}

/** Traefik's command line: its API without auth on loopback, the kubernetescrd provider on the cluster. */
export function traefikArgs(options: TraefikArgsOptions): string[] {
  const args = [
    '--global.checkNewVersion=false',
    '--global.sendAnonymousUsage=false',
    `--log.level=${options.logLevel}`,
    '--log.noColor=true',
    '--api=true',
    '--api.insecure=true',
    `--entryPoints.traefik.address=127.0.0.1:${options.apiPort}`,
    ...[...options.entryPoints].map(([name, port]) => `--entryPoints.${name}.address=127.0.0.1:${port}`),
    '--providers.kubernetescrd=true',
    `--providers.kubernetescrd.endpoint=${options.endpoint}`,
    `--providers.kubernetescrd.token=${options.token}`,
    `--providers.kubernetescrd.certAuthFilePath=${options.caPath}`,
  ];
  if (options.allowExternalNameServices)
    args.push('--providers.kubernetescrd.allowExternalNameServices=true');
  if (options.namespaces) args.push(`--providers.kubernetescrd.namespaces=${options.namespaces.join(',')}`);
  if (options.allowCrossNamespace) args.push('--providers.kubernetescrd.allowCrossNamespace=true');
  return args;
}

/** Traefik v3.7.9 with its API on loopback and the kubernetescrd provider pointed at a cluster. */
export function startTraefik(options: TraefikOptions): Promise<RunningTraefik> {
  return withFreshPorts(() => startTraefikOnce(options));
}

async function startTraefikOnce(options: TraefikOptions): Promise<RunningTraefik> {
  mkdirSync(options.logDir, { recursive: true });
  const dir = mkdtempSync(join(options.logDir, 'traefik-'));
  const caPath = join(dir, 'ca.crt');
  writeFileSync(caPath, options.caPem);
  const apiPort = await freePort();
  const ports = new Map<string, number>();
  for (const name of options.entryPoints) ports.set(name, await freePort());
  const args = traefikArgs({ ...options, caPath, apiPort, entryPoints: ports, logLevel: 'DEBUG' });
  const program = startProgram(upstreamBinary('traefik'), args, join(dir, 'traefik.log'));
  const api = `http://127.0.0.1:${apiPort}/api`;
  const json = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${api}${path}`);
    if (!res.ok) throw new Error(`Traefik's API answered ${res.status} for ${path}`);
    return (await res.json()) as T;
  };
  await waitUntilReady(program, 'traefik', async () => (await fetch(`${api}/version`)).ok, 60_000);
  let fullLog = '';
  const keep = (chunk: Buffer) => (fullLog += chunk.toString());
  program.child.stdout?.on('data', keep);
  program.child.stderr?.on('data', keep);
  return {
    program,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    entryPointAddress(name) {
      const port = ports.get(name);
      if (port === undefined) throw new Error(`no entry point ${name}`);
      return `127.0.0.1:${port}`;
    },
    routers: () => json<TcpRouterInfo[]>('/tcp/routers?per_page=1000'),
    services: () => json<TcpServiceInfo[]>('/tcp/services?per_page=1000'),
    version: () => json<{ Version: string }>('/version'),
    log: () => fullLog,
    close: () => program.stop(),
  };
}
