import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterSourceChoice } from '../clusters/index.js';
import type { ServeOptions } from './serveOptions.js';

export type ClusterSource = ClusterSourceChoice;

// Where Kubernetes mounts a pod's service account; its presence with the service env means "in a pod".
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Which clusters serve uses, in the order of the help: the flags, $KUBECONFIG, ~/.kube/config, this
 * pod's service account, and the embedded demo cluster when nothing else is there.
 */
export function resolveClusterSource(
  options: Pick<ServeOptions, 'demo' | 'inCluster' | 'kubeconfig' | 'context'> & { dataDir?: string },
  env: NodeJS.ProcessEnv,
  homeDir: string,
  serviceAccountToken = SERVICE_ACCOUNT_TOKEN,
): ClusterSource {
  const dataDir = options.dataDir === undefined ? {} : { dataDir: options.dataDir };
  if (options.demo) return { kind: 'demo', reason: 'flag', ...dataDir };
  if (options.inCluster) return { kind: 'in-cluster' };
  const context = options.context === undefined ? {} : { context: options.context };
  if (options.kubeconfig) return { kind: 'kubeconfig', path: options.kubeconfig, ...context };
  if (env['KUBECONFIG']) return { kind: 'kubeconfig', path: env['KUBECONFIG'], ...context };
  const defaultPath = join(homeDir, '.kube', 'config');
  if (existsSync(defaultPath)) return { kind: 'kubeconfig', path: defaultPath, ...context };
  if (env['KUBERNETES_SERVICE_HOST'] && existsSync(serviceAccountToken)) return { kind: 'in-cluster' };
  return { kind: 'demo', reason: 'no-cluster-configured', ...dataDir };
}

/** What the startup log says before the clusters are loaded. */
export function describeClusterSource(source: ClusterSource): string {
  switch (source.kind) {
    case 'demo':
      return source.reason === 'flag'
        ? 'Cluster: the embedded demo cluster (--demo).'
        : 'Cluster: none configured (no --kubeconfig, $KUBECONFIG or ~/.kube/config), so the embedded demo cluster is used.';
    case 'in-cluster':
      return "Cluster: this pod's service account (in-cluster).";
    case 'kubeconfig':
      return `Clusters: every context of kubeconfig ${source.path}${source.context ? `, ${source.context} first` : ''}.`;
  }
}
