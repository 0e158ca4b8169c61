import type { ClusterSource } from '@dialtone/shared';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Identity } from '../identity/index.js';
import { AccessReviews } from './accessReviews.js';
import { readSchema, TRANSPORT_CRD, ROUTE_CRD, type SchemaReading } from './clusterSchema.js';
import { IdentityClients } from './identityClient.js';
import type { KubeClient, ResourceKind, Timeouts } from './kubeClient.js';
import { ResourceCache } from './resourceCache.js';
import { KubeApiError } from './kubeErrors.js';

export const TRANSPORT_KIND: ResourceKind = {
  group: 'traefik.io',
  version: 'v1alpha1',
  plural: 'serverstransporttcps',
};
export const ROUTE_KIND: ResourceKind = {
  group: 'traefik.io',
  version: 'v1alpha1',
  plural: 'ingressroutetcps',
};

// The schema behind the list's diagnostics changes only when someone upgrades Traefik's CRDs.
const SERVICE_SCHEMA_TTL_MS = 60_000;

export interface ClusterConnectionOptions {
  name: string;
  source: ClusterSource;
  config: KubeConfig;
  /** Receives one line per new failure of a watch, naming the cluster and the kind. */
  onWatchError?: (message: string) => void;
  /** Deadlines of reads and writes; tests shorten them. */
  timeouts?: Timeouts;
}

/**
 * One cluster the server can reach: its clients per identity, the access reviews, and the caches of
 * ServersTransportTCPs and IngressRouteTCPs (started on first use).
 */
export class ClusterConnection {
  readonly name: string;
  readonly source: ClusterSource;
  readonly server: string;
  readonly access: AccessReviews;
  readonly transports: ResourceCache;
  readonly routes: ResourceCache;
  private readonly clients: IdentityClients;
  private serviceSchema: { reading: Promise<SchemaReading>; expires: number } | undefined;

  constructor(options: ClusterConnectionOptions) {
    this.name = options.name;
    this.source = options.source;
    this.clients = new IdentityClients(options.config, options.timeouts);
    this.server = this.clients.service.server;
    this.access = new AccessReviews((identity) => this.clientFor(identity));
    const report = options.onWatchError;
    const cacheOptions = (kind: ResourceKind) =>
      report
        ? {
            onError: (error: unknown) =>
              report(
                `cluster ${this.name}: the watch of ${kind.plural} failed (${error instanceof Error ? error.message : String(error)}); retrying with backoff`,
              ),
          }
        : {};
    this.transports = new ResourceCache(this.clients.service, TRANSPORT_KIND, cacheOptions(TRANSPORT_KIND));
    this.routes = new ResourceCache(this.clients.service, ROUTE_KIND, cacheOptions(ROUTE_KIND));
  }

  /** The client that acts as this identity: every call made for a user goes through it. */
  clientFor(identity: Identity): KubeClient {
    if (identity.kind === 'token' && identity.cluster !== this.name) {
      // A token proven against one API server is a credential for that one only.
      throw new KubeApiError(
        401,
        'Unauthorized',
        `your token was checked against cluster ${identity.cluster}, not ${this.name}; log in to ${this.name} with its own token`,
      );
    }
    return this.clients.clientFor(identity);
  }

  /** The server's own client: for the caches and the schema behind the list's diagnostics only. */
  get serviceClient(): KubeClient {
    return this.clients.service;
  }

  /** Starts the caches and waits for their first list, at most `timeoutMs`. */
  async caches(timeoutMs: number): Promise<boolean> {
    const [transports, routes] = await Promise.all([
      this.transports.whenSynced(timeoutMs),
      this.routes.whenSynced(timeoutMs),
    ]);
    return transports && routes;
  }

  /** The ServersTransportTCP schema as read with the server's credentials, refreshed every minute. */
  transportSchema(): Promise<SchemaReading> {
    const now = Date.now();
    if (!this.serviceSchema || this.serviceSchema.expires <= now) {
      const reading = readSchema(this.clients.service, TRANSPORT_CRD);
      this.serviceSchema = { reading, expires: now + SERVICE_SCHEMA_TTL_MS };
      reading.catch(() => {
        if (this.serviceSchema?.reading === reading) this.serviceSchema = undefined;
      });
    }
    return this.serviceSchema.reading;
  }

  readSchemaAs(identity: Identity, which: 'transport' | 'route'): Promise<SchemaReading> {
    return readSchema(this.clientFor(identity), which === 'transport' ? TRANSPORT_CRD : ROUTE_CRD);
  }

  async close(): Promise<void> {
    await Promise.all([this.transports.stop(), this.routes.stop()]);
  }
}
