import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalCluster } from '../localcluster/index.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';
import { untilStopped } from './untilStopped.js';

interface ClusterFlags {
  port: number;
  host: string;
  dataDir?: string;
  ephemeral: boolean;
  seed: 'demo' | 'none';
}

function defaultDataDir(): string {
  const base = process.env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'dialtone', 'cluster');
}

export function parseClusterFlags(args: string[], cwd: string): ClusterFlags {
  const flags: ClusterFlags = { port: 7301, host: '127.0.0.1', ephemeral: false, seed: 'none' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`--port must be a whole number from 0 to 65535, got "${raw}"`);
        }
        flags.port = port;
        break;
      }
      case '--host':
        flags.host = value();
        break;
      case '--data-dir':
        flags.dataDir = resolve(cwd, value());
        break;
      case '--ephemeral':
        if (inline !== undefined) throw new UsageError('--ephemeral takes no value');
        flags.ephemeral = true;
        break;
      case '--seed': {
        const seed = value();
        if (seed !== 'demo' && seed !== 'none')
          throw new UsageError(`--seed must be "demo" or "none", got "${seed}"`);
        flags.seed = seed;
        break;
      }
      default:
        throw new UsageError(`unknown flag "${arg}". Run "dialtone help" for the cluster options.`);
    }
  }
  if (flags.ephemeral && flags.dataDir !== undefined) {
    throw new UsageError('--ephemeral and --data-dir exclude each other: choose memory or a directory');
  }
  return flags;
}

/** `dialtone cluster`: runs only the embedded Kubernetes-compatible API server until SIGINT or SIGTERM. */
export async function runClusterCommand(args: string[], io: CliIO): Promise<number> {
  const flags = parseClusterFlags(args, io.cwd);
  if (!['127.0.0.1', '::1', 'localhost'].includes(flags.host)) {
    io.stderr.write(
      `Warning: --host ${flags.host} lets other machines reach this API server; anyone holding the kubeconfig's tokens can use it from there.\n`,
    );
  }
  const dataDir = flags.ephemeral ? undefined : (flags.dataDir ?? defaultDataDir());
  const cluster = await startLocalCluster({
    port: flags.port,
    host: flags.host,
    dataDir,
    ephemeral: flags.ephemeral,
    seed: flags.seed,
  });
  io.stdout.write(
    [
      `Kubernetes API listening on ${cluster.url}`,
      dataDir ? `Objects are kept in ${dataDir}` : 'Objects are kept in memory only (--ephemeral)',
      `Kubeconfig: ${cluster.kubeconfigPath} (its CA and the admin, editor and viewer tokens; every request but /version and the health checks needs a token)`,
      `CA certificate: ${cluster.caPath}`,
      `Try: kubectl --kubeconfig ${cluster.kubeconfigPath} get serverstransporttcps -A`,
      '',
    ].join('\n'),
  );
  await untilStopped();
  await cluster.close();
  io.stdout.write('Kubernetes API stopped.\n');
  return 0;
}
