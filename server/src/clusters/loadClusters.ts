import { delimiter } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startLocalCluster } from '../localcluster/index.js';
import { ClusterConnection } from './clusterConnection.js';

/** Where the clusters come from; decided from the flags and the environment by the serve command. */
export type ClusterSourceChoice =
  | { kind: 'demo'; reason: 'flag' | 'no-cluster-configured'; dataDir?: string }
  | { kind: 'in-cluster' }
  | { kind: 'kubeconfig'; path: string; context?: string };

export interface LoadedClusters {
  clusters: ClusterConnection[];
  defaultCluster: string | undefined;
  /** One line for the startup log and the session: which clusters and where they come from. */
  description: string;
  /** For the demo cluster: a kubeconfig file that lets kubectl reach it too. */
  kubeconfigPath?: string;
  /** For the demo cluster: bearer tokens of its users, to try `--auth token`. */
  demoTokens?: Readonly<Record<string, string>>;
  /** For the demo cluster: the `ip:port` of its own backends, the only loopback targets a probe may dial. */
  demoEndpoints?: readonly string[];
  close(): Promise<void>;
}

export class ClusterConfigError extends Error {
  override readonly name = 'ClusterConfigError';
}

export const DEMO_CLUSTER_NAME = 'demo';
export const IN_CLUSTER_NAME = 'in-cluster';

function loadKubeconfig(paths: string): KubeConfig {
  const merged = new KubeConfig();
  // $KUBECONFIG may list several files; kubectl merges them, the first one winning on conflicts.
  for (const path of paths.split(delimiter).filter((p) => p !== '')) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(path);
    } catch (error) {
      throw new ClusterConfigError(
        `cannot read the kubeconfig ${path}: ${error instanceof Error ? error.message : String(error)}. Fix the file or choose another with --kubeconfig.`,
      );
    }
    if (merged.contexts.length === 0) merged.loadFromOptions(one);
    else merged.mergeConfig(one, true);
  }
  return merged;
}

function forContext(all: KubeConfig, context: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: all.clusters,
    users: all.users,
    contexts: all.contexts,
    currentContext: context,
  });
  return config;
}

/** Connections for every source kind; the demo cluster is started in this process, on loopback. */
export async function loadClusters(
  source: ClusterSourceChoice,
  onWatchError?: (message: string) => void,
): Promise<LoadedClusters> {
  const errorOption = onWatchError ? { onWatchError } : {};
  switch (source.kind) {
    case 'kubeconfig': {
      const all = loadKubeconfig(source.path);
      const names = all.contexts.map((c) => c.name);
      if (names.length === 0) {
        throw new ClusterConfigError(
          `the kubeconfig ${source.path} has no contexts. Add one, or start with --demo.`,
        );
      }
      if (source.context !== undefined && !names.includes(source.context)) {
        throw new ClusterConfigError(
          `the kubeconfig ${source.path} has no context "${source.context}"; it has ${names.join(', ')}.`,
        );
      }
      const first = source.context ?? (names.includes(all.currentContext) ? all.currentContext : names[0]!);
      const ordered = [first, ...names.filter((n) => n !== first)];
      const clusters = ordered.map(
        (name) =>
          new ClusterConnection({
            name,
            source: 'kubeconfig',
            config: forContext(all, name),
            ...errorOption,
          }),
      );
      return {
        clusters,
        defaultCluster: first,
        description: `Clusters: the ${ordered.length} context(s) of kubeconfig ${source.path}, ${first} first.`,
        close: () => Promise.all(clusters.map((c) => c.close())).then(() => undefined),
      };
    }
    case 'in-cluster': {
      const config = new KubeConfig();
      config.loadFromCluster();
      const cluster = new ClusterConnection({
        name: IN_CLUSTER_NAME,
        source: 'in-cluster',
        config,
        ...errorOption,
      });
      return {
        clusters: [cluster],
        defaultCluster: IN_CLUSTER_NAME,
        description: `Cluster: this pod's service account, API server ${cluster.server}.`,
        close: () => cluster.close(),
      };
    }
    case 'demo': {
      const local = await startLocalCluster({
        port: 0,
        host: '127.0.0.1',
        seed: 'demo',
        ...(source.dataDir ? { dataDir: source.dataDir } : { ephemeral: true }),
      });
      const config = new KubeConfig();
      config.loadFromString(local.kubeconfigYaml);
      const cluster = new ClusterConnection({
        name: DEMO_CLUSTER_NAME,
        source: 'demo',
        config,
        ...errorOption,
      });
      const why =
        source.reason === 'flag' ? '--demo was given' : 'no kubeconfig was found and no cluster was chosen';
      return {
        clusters: [cluster],
        defaultCluster: DEMO_CLUSTER_NAME,
        description: `Cluster: the embedded demo cluster at ${local.url} (${why}); its objects are ${source.dataDir ? `kept in ${source.dataDir}` : 'kept in memory only'}.`,
        kubeconfigPath: local.kubeconfigPath,
        demoTokens: local.tokens,
        demoEndpoints: local.backendEndpoints,
        close: async () => {
          await cluster.close();
          await local.close();
        },
      };
    }
  }
}
