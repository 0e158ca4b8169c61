import type { ClusterConnection } from '../clusters/index.js';
import { identityKey, type Identity } from '../identity/index.js';
import type { TraefikApiConfig } from './instances.js';
import { DEFAULT_READ, readInstanceWithin, type InstanceData, type ReadOptions } from './reader.js';

export interface TraefikViewsOptions {
  /** The configured instances of each cluster, by cluster name. */
  instances: ReadonlyMap<string, readonly TraefikApiConfig[]>;
  read?: ReadOptions;
  /** How long one read answers every page and user that asks again; Traefik's own throttle is 2 s. */
  ttlMs?: number;
}

const MAX_ENTRIES = 512;

/**
 * Reads of the configured Traefik instances, shared for a moment between the list, the detail and
 * their users: a direct URL is read once for everybody (it is the server's own network access), a
 * service proxy once per identity (it is the user's permission that lets it through).
 */
export class TraefikViews {
  private readonly cache = new Map<string, { expires: number; data: Promise<InstanceData> }>();
  private readonly read: ReadOptions;
  private readonly ttlMs: number;

  constructor(private readonly options: TraefikViewsOptions) {
    this.read = options.read ?? DEFAULT_READ;
    this.ttlMs = options.ttlMs ?? 2_000;
  }

  instancesOf(cluster: string): readonly TraefikApiConfig[] {
    return this.options.instances.get(cluster) ?? [];
  }

  /** One read per configured instance of the cluster; a failed read is a reading in error, never a throw. */
  readAll(cluster: ClusterConnection, identity: Identity): Promise<InstanceData[]> {
    return Promise.all(
      this.instancesOf(cluster.name).map((config) => this.readOne(cluster, identity, config)),
    );
  }

  private readOne(
    cluster: ClusterConnection,
    identity: Identity,
    config: TraefikApiConfig,
  ): Promise<InstanceData> {
    const who = config.via === 'direct' ? 'server' : identityKey(identity);
    const key = `${cluster.name}\u0000${config.instance.id}\u0000${who}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.expires > now) return cached.data;
    const data = readInstanceWithin(config, cluster.clientFor(identity), this.read);
    this.cache.delete(key);
    this.cache.set(key, { expires: now + this.ttlMs, data });
    if (this.cache.size > MAX_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return data;
  }
}
