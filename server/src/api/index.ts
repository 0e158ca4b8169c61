import express, { Router, type RequestHandler } from 'express';
import { providerSettings, type ProviderSettings } from '@dialtone/shared';
import { DEFAULT_JSON_LIMIT_BYTES } from '../http/index.js';
import type { Logger } from '../observability/index.js';
import type { TargetPolicy } from '../probe/index.js';
import { probeRoutes } from '../probe/index.js';
import { transportRoutes, TransportFeeds, YAML_TYPES } from '../transports/index.js';
import { traefikRoutes, type TraefikViews } from '../traefikview/index.js';
import { probeAccessFor } from './probeAccess.js';
import { clusterRoutes } from './clusterRoutes.js';
import { clusterOf, identityOf, type ClusterDirectory } from './context.js';

export { identityOf, clusterOf, type ClusterDirectory } from './context.js';
export { probeAccessFor } from './probeAccess.js';

export interface ApiOptions {
  directory: ClusterDirectory;
  /**
   * Traefik's kubernetescrd options as the operator mirrors them (Traefik's defaults for the rest):
   * they decide which routes use a transport, which backends a probe dials, what validation says
   * about routes and what could explain a disagreement with a running Traefik.
   */
  provider?: Partial<ProviderSettings>;
  /**
   * Authentication, CSRF, write limits and the session routes (`createSecurity`): sets
   * `res.locals.identity` and serves `/session`. Tests and benchmarks pass the same router.
   */
  security: RequestHandler;
  /** How long a list waits for a cold cache before asking the API server directly. */
  cacheWaitMs?: number;
  heartbeatMs?: number;
  /** The Traefik instances configured with `--traefik-api`, read for their view of the transports. */
  traefik?: TraefikViews;
  /** Test connection: who may be dialled, and where each probe's audit line goes. */
  probe?: {
    policy: TargetPolicy;
    logger: Logger;
    /** Whether Traefik has its install-time SPIFFE setup; without it tls.spiffe transports fail to build. */
    spiffeConfigured?: boolean;
  };
}

export interface Api {
  router: Router;
  close(): void;
}

/** The `/api/v1` router: session, clusters and everything about transports. */
export function createApi(options: ApiOptions): Api {
  const provider = providerSettings(options.provider);
  const feeds = new TransportFeeds(provider);
  const router = Router();
  // JSON is parsed by the app; YAML arrives as text under the same size limit.
  router.use(express.text({ type: YAML_TYPES, limit: DEFAULT_JSON_LIMIT_BYTES }));
  router.use(options.security);
  router.use(clusterRoutes(options.directory));
  router.use(
    transportRoutes({
      cluster: (req) => clusterOf(options.directory, req),
      identity: identityOf,
      feeds,
      cacheWaitMs: options.cacheWaitMs ?? 5_000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
    }),
  );
  if (options.traefik) {
    router.use(
      traefikRoutes({
        cluster: (req) => clusterOf(options.directory, req),
        identity: identityOf,
        feeds,
        views: options.traefik,
        cacheWaitMs: options.cacheWaitMs ?? 5_000,
      }),
    );
  }
  if (options.probe) {
    router.use(
      probeRoutes({
        cluster: (req) => clusterOf(options.directory, req),
        identity: identityOf,
        accessFor: (cluster, identity) => probeAccessFor(cluster, identity, provider),
        policy: options.probe.policy,
        logger: options.probe.logger,
        engine: { spiffeConfigured: options.probe.spiffeConfigured ?? false },
      }),
    );
  }
  return { router, close: () => feeds.close() };
}
