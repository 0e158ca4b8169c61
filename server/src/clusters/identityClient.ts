import { KubeConfig } from '@kubernetes/client-node';
import { identityKey, type Identity } from '../identity/index.js';
import { DEFAULT_TIMEOUTS, KubeClient, type Timeouts } from './kubeClient.js';

const MAX_CLIENTS = 256;

/**
 * Builds, and keeps a few of, the clients that act as one identity on one cluster (DESIGN.md rule 3).
 * A token identity gets a kubeconfig with only that token: none of the server's own credentials
 * (client certificates, exec plugins) can leak into its requests.
 */
export class IdentityClients {
  private readonly clients = new Map<string, KubeClient>();
  readonly service: KubeClient;

  constructor(
    private readonly base: KubeConfig,
    private readonly timeouts: Timeouts = DEFAULT_TIMEOUTS,
  ) {
    this.service = new KubeClient(base, {}, timeouts);
  }

  clientFor(identity: Identity): KubeClient {
    const key = identityKey(identity);
    const cached = this.clients.get(key);
    if (cached) {
      // Map order is insertion order; re-inserting keeps the most recently used at the end.
      this.clients.delete(key);
      this.clients.set(key, cached);
      return cached;
    }
    const client = this.build(identity);
    this.clients.set(key, client);
    if (this.clients.size > MAX_CLIENTS) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
    return client;
  }

  private build(identity: Identity): KubeClient {
    switch (identity.kind) {
      case 'local':
        return this.service;
      case 'token': {
        const cluster = this.base.getCurrentCluster();
        if (!cluster) throw new Error('the kubeconfig has no current cluster');
        const config = new KubeConfig();
        config.loadFromClusterAndUser(cluster, { name: 'dialtone-session', token: identity.token });
        return new KubeClient(config, {}, this.timeouts);
      }
      case 'impersonate':
        return new KubeClient(
          this.base,
          { 'Impersonate-User': identity.user, ...impersonateGroupHeaders(identity.groups) },
          this.timeouts,
        );
    }
  }
}

/**
 * One `Impersonate-Group` header line per group, as the API server requires (a comma-joined value
 * would be read as one group). client-node keeps request headers in a plain object, one value per
 * key, so each group gets the header name in a different letter case: HTTP header names are
 * case-insensitive, and node-fetch sends every key as its own header line.
 */
export function impersonateGroupHeaders(groups: readonly string[]): Record<string, string> {
  const base = 'impersonate-group';
  const letters = [...base].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  if (groups.length > 2 ** letters.length) {
    throw new Error(`cannot impersonate more than ${2 ** letters.length} groups in one request`);
  }
  const headers: Record<string, string> = {};
  groups.forEach((group, n) => {
    const name = [...base];
    letters.forEach((position, bit) => {
      if ((n >> bit) & 1) name[position] = name[position]!.toUpperCase();
    });
    headers[name.join('')] = group;
  });
  return headers;
}
