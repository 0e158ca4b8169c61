import express, { Router, type RequestHandler } from 'express';
import { DEFAULT_JSON_LIMIT_BYTES } from '../http/index.js';
import type { Identity } from '../identity/index.js';
import type { Logger } from '../observability/index.js';
import type { TargetPolicy } from '../probe/index.js';
import { probeRoutes } from '../probe/index.js';
import { transportRoutes, TransportFeeds, YAML_TYPES } from '../transports/index.js';
import { probeAccessFor } from './probeAccess.js';
import { clusterRoutes } from './clusterRoutes.js';
import { clusterOf, identityOf, type ClusterDirectory } from './context.js';
import { sessionRoutes } from './sessionRoutes.js';

export { identityOf, clusterOf, type ClusterDirectory } from './context.js';

export interface ApiOptions {
  directory: ClusterDirectory;
  /** Traefik's `allowCrossNamespace`, mirrored for usage and route checks. */
  allowCrossNamespace?: boolean;
  /**
   * Authentication, CSRF and the session routes: sets `res.locals.identity` and serves `/session`.
   * Without it every request acts as the kubeconfig's user (`--auth local`) and writes are unguarded,
   * which suits tests only.
   */
  security?: RequestHandler;
  /** Stands in for `security` in tests: sets `res.locals.identity`, and the local session route stays. */
  authenticate?: RequestHandler;
  /** How long a list waits for a cold cache before asking the API server directly. */
  cacheWaitMs?: number;
  heartbeatMs?: number;
  /** Test connection: who may be dialled, and where each probe's audit line goes. */
  probe?: { policy: TargetPolicy; logger: Logger };
}

export interface Api {
  router: Router;
  close(): void;
}

const LOCAL: Identity = { kind: 'local' };

/** The one place a request gets its identity until the other auth modes plug in here. */
const localIdentity: RequestHandler = (_req, res, next) => {
  res.locals['identity'] = LOCAL;
  next();
};

/** The `/api/v1` router: session, clusters and everything about transports. */
export function createApi(options: ApiOptions): Api {
  const feeds = new TransportFeeds({ allowCrossNamespace: options.allowCrossNamespace ?? false });
  const router = Router();
  // JSON is parsed by the app; YAML arrives as text under the same size limit.
  router.use(express.text({ type: YAML_TYPES, limit: DEFAULT_JSON_LIMIT_BYTES }));
  if (options.security) router.use(options.security);
  else {
    router.use(options.authenticate ?? localIdentity);
    router.use(sessionRoutes(options.directory));
  }
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
  if (options.probe) {
    const allowCrossNamespace = options.allowCrossNamespace ?? false;
    router.use(
      probeRoutes({
        cluster: (req) => clusterOf(options.directory, req),
        identity: identityOf,
        accessFor: (cluster, identity) => probeAccessFor(cluster, identity, allowCrossNamespace),
        policy: options.probe.policy,
        logger: options.probe.logger,
      }),
    );
  }
  return { router, close: () => feeds.close() };
}
