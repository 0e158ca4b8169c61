import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { providerSettings, type ProbeRequest, type ProbeTarget } from '@dialtone/shared';
import { probeAccessFor } from '../api/index.js';
import { ClusterConfigError, loadClusters } from '../clusters/index.js';
import { formatProbeText, probe, ProbeRequestError, TargetPolicy } from '../probe/index.js';
import { resolveClusterSource } from './clusterSource.js';
import { PROBE_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';

export interface ProbeFlags {
  cluster?: string;
  kubeconfig?: string;
  transport: { namespace: string; name: string };
  /** Without --target, every backend of the routes that use the transport, as the dashboard's default. */
  targets: ProbeTarget[] | 'usage';
  format: 'text' | 'json';
  /** Traefik has its install-time SPIFFE setup; without it every TLS connection of a tls.spiffe transport fails. */
  traefikSpiffe: boolean;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** `HOST:PORT` or `svc/NS/NAME:PORT` (PORT a number or a port name). */
export function parseTarget(text: string, tls: boolean): ProbeTarget {
  const service = /^svc\/([^/]+)\/([^/:]+):([^/:]+)$/.exec(text);
  if (service) {
    const [, namespace = '', name = '', port = ''] = service;
    if (!NAME.test(namespace) || !NAME.test(name))
      throw new UsageError(`"${text}" is not svc/NAMESPACE/NAME:PORT.`);
    return { service: { namespace, name, port: /^[0-9]+$/.test(port) ? Number(port) : port }, tls };
  }
  if (text.startsWith('svc/')) throw new UsageError(`"${text}" is not svc/NAMESPACE/NAME:PORT.`);
  return { address: text, tls };
}

export function parseProbeFlags(args: string[]): ProbeFlags | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        cluster: { type: 'string' },
        kubeconfig: { type: 'string' },
        transport: { type: 'string' },
        target: { type: 'string', multiple: true },
        tls: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        'traefik-spiffe': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run "dialtone help probe".`);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format must be text or json, not "${values.format}".`);
  }
  const transport = /^([^/]+)\/([^/]+)$/.exec(values.transport ?? '');
  if (!transport || !NAME.test(transport[1]!) || !NAME.test(transport[2]!)) {
    throw new UsageError('--transport NAMESPACE/NAME is required, e.g. --transport demo/backend-tls.');
  }
  const given = (values.target ?? []).map((t) => parseTarget(t, values.tls === true));
  if (given.length === 0 && values.tls) {
    throw new UsageError(
      "--tls applies to --target; without targets each route backend's own services[].tls is used.",
    );
  }
  const targets = given.length > 0 ? given : 'usage';
  return {
    ...(values.cluster ? { cluster: values.cluster } : {}),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    transport: { namespace: transport[1]!, name: transport[2]! },
    targets,
    format: values.format,
    traefikSpiffe: values['traefik-spiffe'] === true,
  };
}

/**
 * `dialtone probe`: the same engine as Test connection, with the kubeconfig's own identity. The
 * person at the shell could dial any address themselves, so the command line's policy is open;
 * normalisation and the check inside the dialer's lookup still run. Exit 0 when every target
 * passes, 1 otherwise (an inconclusive target is not a pass), 2 on usage errors.
 */
export async function runProbeCommand(args: string[], io: CliIO): Promise<number> {
  const flags = parseProbeFlags(args);
  if (flags === 'help') {
    io.stdout.write(PROBE_HELP);
    return 0;
  }
  const source = resolveClusterSource(
    {
      demo: false,
      inCluster: false,
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.cluster ? { context: flags.cluster } : {}),
    },
    process.env,
    homedir(),
  );
  if (source.kind !== 'kubeconfig') {
    io.stderr.write('dialtone probe: no kubeconfig found. Give --kubeconfig FILE or set $KUBECONFIG.\n');
    return 2;
  }
  let loaded;
  try {
    loaded = await loadClusters(source);
  } catch (error) {
    if (error instanceof ClusterConfigError) {
      io.stderr.write(`dialtone probe: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    const connection = loaded.clusters[0]!;
    // The same reads as the dashboard's Test connection, routes included, with Traefik's defaults.
    const access = probeAccessFor(connection, { kind: 'local' }, providerSettings());
    const request: ProbeRequest = { transport: flags.transport, targets: flags.targets };
    const response = await probe(request, access, {
      policy: new TargetPolicy({ mode: 'open' }),
      spiffeConfigured: flags.traefikSpiffe,
      dialledFrom: 'this machine (dialtone probe)',
    });
    io.stdout.write(
      flags.format === 'json' ? `${JSON.stringify(response, null, 2)}\n` : formatProbeText(response),
    );
    return response.results.every((r) => r.verdict === 'pass') ? 0 : 1;
  } catch (error) {
    if (error instanceof ProbeRequestError) {
      io.stderr.write(`dialtone probe: ${error.message}\n`);
      return error.status === 400 ? 2 : 1;
    }
    throw error;
  } finally {
    await loaded.close();
  }
}
