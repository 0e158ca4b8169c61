import type { TraefikInstance } from '@dialtone/shared';

/** One `--traefik-api` value: which cluster it belongs to and how Traefik's API is reached. */
export type TraefikApiConfig = {
  /** The cluster (kubeconfig context, `in-cluster` or `demo`); absent means the default cluster. */
  context?: string;
  instance: TraefikInstance;
} & ({ via: 'direct'; url: URL } | { via: 'service-proxy'; namespace: string; name: string; port: string });

export class TraefikConfigError extends Error {}

const SERVICE =
  /^service:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/**
 * `CONTEXT=URL`, `CONTEXT=service:NAMESPACE/NAME:PORT`, or either without `CONTEXT=` for the default
 * cluster. A value starting with a scheme or `service:` has no context, so URLs with `=` in their
 * query stay whole; context names with `=` cannot be named.
 */
export function parseTraefikApi(text: string): TraefikApiConfig {
  const trimmed = text.trim();
  const bare = /^(https?:\/\/|service:)/i.test(trimmed);
  const at = trimmed.indexOf('=');
  const context = bare || at <= 0 ? undefined : trimmed.slice(0, at);
  const target = context === undefined ? trimmed : trimmed.slice(at + 1);
  const withContext = context === undefined ? {} : { context };
  const service = SERVICE.exec(target);
  if (service) {
    const [, namespace = '', , name = '', , port = ''] = service;
    return {
      ...withContext,
      via: 'service-proxy',
      namespace,
      name,
      port,
      instance: { id: `${namespace}/${name}:${port}`, via: 'service-proxy', target },
    };
  }
  const url = URL.canParse(target) ? new URL(target) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TraefikConfigError(
      `--traefik-api "${text}" is neither an http(s) URL nor service:NAMESPACE/NAME:PORT; write it like ` +
        `CONTEXT=http://traefik-api.traefik.svc:9000 or CONTEXT=service:traefik/traefik:traefik.`,
    );
  }
  if (url.username || url.password) {
    throw new TraefikConfigError(
      `--traefik-api "${text}" carries credentials in the URL, which would be shown on the page; ` +
        `put Traefik's API behind the service proxy instead, or give Dialtone network access to it.`,
    );
  }
  // Traefik serves its API under /api; a base given with or without it means the same.
  const base = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  url.pathname = base === '' ? '/' : base;
  url.search = '';
  url.hash = '';
  const shown = url.toString().replace(/\/$/, '');
  return { ...withContext, via: 'direct', url, instance: { id: shown, via: 'direct', target: shown } };
}

/** Groups the configured instances by cluster; values without a context go to `defaultCluster`. */
export function instancesByCluster(
  configs: readonly TraefikApiConfig[],
  clusters: readonly string[],
  defaultCluster: string | undefined,
): Map<string, TraefikApiConfig[]> {
  const out = new Map<string, TraefikApiConfig[]>();
  for (const config of configs) {
    const cluster = config.context ?? defaultCluster;
    if (cluster === undefined || !clusters.includes(cluster)) {
      throw new TraefikConfigError(
        config.context === undefined
          ? `--traefik-api ${config.instance.target} names no cluster and there is no default one; write CONTEXT=${config.instance.target}.`
          : `--traefik-api names the cluster "${config.context}", which is not one of ${clusters.join(', ') || 'the configured clusters'}.`,
      );
    }
    const list = out.get(cluster) ?? [];
    if (list.some((c) => c.instance.id === config.instance.id)) continue;
    out.set(cluster, [...list, config]);
  }
  return out;
}
