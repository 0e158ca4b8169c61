import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServeOptions } from './serveOptions.js';

export type ClusterSource =
  | { kind: 'demo'; reason: 'flag' | 'no-cluster-configured' }
  | { kind: 'in-cluster' }
  | { kind: 'kubeconfig'; path: string; context?: string };

/** Which cluster serve would use, following the order in the help: flags, $KUBECONFIG, ~/.kube/config, demo. */
export function resolveClusterSource(
  options: Pick<ServeOptions, 'demo' | 'inCluster' | 'kubeconfig' | 'context'>,
  env: NodeJS.ProcessEnv,
  homeDir: string,
): ClusterSource {
  if (options.demo) return { kind: 'demo', reason: 'flag' };
  if (options.inCluster) return { kind: 'in-cluster' };
  const context = options.context === undefined ? {} : { context: options.context };
  if (options.kubeconfig) return { kind: 'kubeconfig', path: options.kubeconfig, ...context };
  if (env.KUBECONFIG) return { kind: 'kubeconfig', path: env.KUBECONFIG, ...context };
  const defaultPath = join(homeDir, '.kube', 'config');
  if (existsSync(defaultPath)) return { kind: 'kubeconfig', path: defaultPath, ...context };
  return { kind: 'demo', reason: 'no-cluster-configured' };
}

export function describeClusterSource(source: ClusterSource): string {
  const pending =
    'Cluster access is not part of this version yet, so the dashboard shows no clusters for now.';
  switch (source.kind) {
    case 'demo':
      return source.reason === 'flag'
        ? `Cluster: the embedded demo cluster (--demo). ${pending}`
        : `Cluster: none configured, so the embedded demo cluster will be used. ${pending}`;
    case 'in-cluster':
      return `Cluster: this pod's service account (--in-cluster). ${pending}`;
    case 'kubeconfig':
      return `Cluster: kubeconfig ${source.path}${source.context ? `, context ${source.context}` : ''}. ${pending}`;
  }
}
