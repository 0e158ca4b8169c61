import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { ProviderSettings } from '@dialtone/shared';
import { LOOPBACK_NAMES, type HostPolicy } from '../http/index.js';
import { parseTraefikApi, TraefikConfigError, type TraefikApiConfig } from '../traefikview/index.js';
import { UsageError } from './io.js';
import { PROVIDER_OPTION_FLAGS, providerOptionsFromFlags } from './providerOptions.js';

export type AuthMode = 'local' | 'token' | 'proxy';

export interface ServeOptions {
  host: string;
  port: number;
  kubeconfig?: string;
  context?: string;
  inCluster: boolean;
  demo: boolean;
  dataDir?: string;
  /** Traefik's kubernetescrd options, mirrored from the flags and `--provider-options`; Traefik's defaults for the rest. */
  provider: Partial<ProviderSettings>;
  auth: AuthMode;
  /** `--auth proxy`: addresses allowed to assert a user with the forwarded headers. */
  trustedProxies: string[];
  userHeader: string;
  groupsHeader: string;
  /** Mark the session cookie Secure: the dashboard is reached over https. */
  secureCookies: boolean;
  /** `--auth local` on a non-loopback address, said explicitly. */
  allowRemote: boolean;
  probeAllow: string[];
  /** `--traefik-spiffe`: Traefik has its install-time SPIFFE setup, so tls.spiffe transports build. */
  traefikSpiffe: boolean;
  /** Host names served besides the bound address's own, for a dashboard reached through a proxy or DNS name. */
  allowedHosts: string[];
  /** `--traefik-api`: the Traefik instances whose view of the transports is shown beside Dialtone's. */
  traefikApi: TraefikApiConfig[];
  /** Serve `GET /metrics` on this port instead of the dashboard's. */
  metricsPort?: number;
  help: boolean;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 7300;

const HELP_HINT = 'Run "dialtone --help" for the options.';

/** `cwd` resolves `--provider-options FILE`. */
export function parseServeOptions(args: string[], cwd = process.cwd()): ServeOptions {
  const { values } = parseFlags(args);
  const sources = [
    values.demo && '--demo',
    values['in-cluster'] && '--in-cluster',
    values.kubeconfig && '--kubeconfig',
  ];
  const chosen = sources.filter((source): source is string => typeof source === 'string');
  if (chosen.length > 1) {
    throw new UsageError(`${chosen.join(' and ')} each choose the cluster; give only one of them.`);
  }
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1.');
  const options: ServeOptions = {
    host,
    port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
    kubeconfig: values.kubeconfig,
    context: values.context,
    inCluster: values['in-cluster'] ?? false,
    demo: values.demo ?? false,
    dataDir: values['data-dir'],
    provider: providerOptionsFromFlags(values, cwd),
    auth: parseAuth(values.auth),
    trustedProxies: (values['trusted-proxy'] ?? []).map((c) => parseCidr(c, '--trusted-proxy')),
    userHeader: values['user-header'] ?? 'X-Forwarded-User',
    groupsHeader: values['groups-header'] ?? 'X-Forwarded-Groups',
    secureCookies: values['secure-cookies'] ?? false,
    allowRemote: values['allow-remote'] ?? false,
    probeAllow: (values['probe-allow'] ?? []).map((c) => parseCidr(c, '--probe-allow')),
    traefikSpiffe: values['traefik-spiffe'] ?? false,
    allowedHosts: (values['allowed-host'] ?? []).map(parseAllowedHost),
    traefikApi: (values['traefik-api'] ?? []).map(parseTraefikApiFlag),
    ...(values['metrics-port'] === undefined ? {} : { metricsPort: parsePort(values['metrics-port']) }),
    help: values.help ?? false,
  };
  checkAuthOptions(options);
  return options;
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'in-cluster': { type: 'boolean' },
        demo: { type: 'boolean' },
        'data-dir': { type: 'string' },
        ...PROVIDER_OPTION_FLAGS,
        auth: { type: 'string' },
        'probe-allow': { type: 'string', multiple: true },
        'traefik-spiffe': { type: 'boolean' },
        'trusted-proxy': { type: 'string', multiple: true },
        'user-header': { type: 'string' },
        'groups-header': { type: 'string' },
        'secure-cookies': { type: 'boolean' },
        'allow-remote': { type: 'boolean' },
        'allowed-host': { type: 'string', multiple: true },
        'metrics-port': { type: 'string' },
        'traefik-api': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    if (isParseArgsError(error)) {
      // Node's messages go on with advice about positionals that does not apply here; the first sentence is the news.
      const [firstSentence] = error.message.split('. ');
      throw new UsageError(`${firstSentence}. ${HELP_HINT}`);
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof TypeError && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')
  );
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `--port "${text}" is not a port number; give one from 1 to 65535 (0 picks a free port).`,
    );
  }
  return port;
}

/** Combinations that would leave a dashboard open to people it was meant to keep out. */
function checkAuthOptions(options: ServeOptions): void {
  if (options.auth === 'proxy' && options.trustedProxies.length === 0) {
    throw new UsageError(
      '--auth proxy needs --trusted-proxy CIDR: the address range of the authenticating proxy, the only source allowed to name users.',
    );
  }
  if (options.auth !== 'proxy' && options.trustedProxies.length > 0) {
    throw new UsageError('--trusted-proxy only means something with --auth proxy.');
  }
  if (options.auth === 'local' && !isLoopbackHost(options.host) && !options.allowRemote) {
    throw new UsageError(
      `--auth local acts with your kubeconfig's rights for anyone who reaches it, so it binds loopback only. ` +
        `To serve ${options.host} anyway add --allow-remote, or use --auth token or --auth proxy.`,
    );
  }
}

function parseTraefikApiFlag(text: string): TraefikApiConfig {
  try {
    return parseTraefikApi(text);
  } catch (error) {
    if (error instanceof TraefikConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function parseAllowedHost(text: string): string {
  const name = text.trim().toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/.test(name)) {
    throw new UsageError(
      `--allowed-host "${text}" is not a host name; give the name users open, without scheme or port, e.g. dialtone.example.com.`,
    );
  }
  return name;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The Host names the dashboard answers to (see hostCheck). Local mode always checks, since a page
 * rebound to the dashboard would act with the kubeconfig's rights. Token and proxy mode check on
 * loopback, and elsewhere only when --allowed-host names the hosts: on a pod or server address,
 * the names are many (Service, Ingress, pod IP) and a rebound page gains nothing there, as a
 * session cookie is never sent to another site's name and only the trusted proxy can name a user.
 */
export function hostPolicyFor(options: ServeOptions): HostPolicy | undefined {
  const bound = [
    ...new Set([...LOOPBACK_NAMES, ...(WILDCARD_HOSTS.has(options.host) ? [] : [options.host])]),
  ];
  if (options.auth === 'local' || isLoopbackHost(options.host) || options.allowedHosts.length > 0) {
    return { bound, allowed: options.allowedHosts };
  }
  return undefined;
}

function parseAuth(text: string | undefined): AuthMode {
  if (text === undefined) return 'local';
  if (text === 'local' || text === 'token' || text === 'proxy') return text;
  throw new UsageError(`--auth "${text}" is not a mode; use local, token or proxy.`);
}

/** Accepts ADDR/PREFIX or a single address, IPv4 or IPv6. */
export function parseCidr(text: string, flag = '--probe-allow'): string {
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  const maxPrefix = family === 6 ? 128 : 32;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  if (family === 0 || !prefixOk || rest.length > 0) {
    throw new UsageError(`${flag} "${text}" is not an address range; write it like 10.0.0.0/8 or fd00::/8.`);
  }
  return text;
}

export function isLoopbackHost(host: string): boolean {
  const normalized = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (normalized === 'localhost' || normalized === '::1') return true;
  const ipv4 = normalized.startsWith('::ffff:') ? normalized.slice('::ffff:'.length) : normalized;
  return isIP(ipv4) === 4 && ipv4.startsWith('127.');
}
