import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  traefikTransportId,
  type IngressRouteTCP,
  type ServersTransportTCP,
  type TraefikOverviewResponse,
  type TransportTraefikResponse,
} from '@dialtone/shared';
import {
  nameParam,
  namespaceParam,
  toHttpError,
  TRANSPORT_KIND,
  type ClusterConnection,
} from '../clusters/index.js';
import type { Identity } from '../identity/index.js';
import { transportSchemaOf, type TransportFeeds } from '../transports/index.js';
import { OriginIndex } from './names.js';
import { predictionFor } from './prediction.js';
import { suggestInstances } from './discovery.js';
import type { TraefikViews } from './traefikViews.js';
import { transportSummaries, transportView } from './view.js';

export interface TraefikRouteDeps {
  cluster: (req: Request) => ClusterConnection;
  identity: (res: Response) => Identity;
  feeds: TransportFeeds;
  views: TraefikViews;
  cacheWaitMs: number;
}

function route(what: string, handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res);
    } catch (error) {
      next(toHttpError(error, what));
    }
  };
}

/** `GET /clusters/{c}/traefik` and `GET .../transports/{name}/traefik`. */
export function traefikRoutes(deps: TraefikRouteDeps): Router {
  const router = Router();

  router.get(
    '/clusters/:cluster/traefik',
    route("Traefik's view", async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const [readings, suggestions] = await Promise.all([
        deps.views.readAll(cluster, identity),
        suggestInstances(cluster.clientFor(identity), deps.views.instancesOf(cluster.name)),
      ]);
      const body: TraefikOverviewResponse = {
        instances: readings.map((data) => ({ ...data.reading, transports: transportSummaries(data) })),
        ...suggestions,
      };
      res.json(body);
    }),
  );

  router.get(
    '/clusters/:cluster/namespaces/:namespace/transports/:name/traefik',
    route("Traefik's view of the ServersTransportTCP", async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const namespace = namespaceParam(req.params['namespace']);
      const name = nameParam(req.params['name']);
      // Read as the user first: who may not see the transport learns nothing about it from Traefik.
      const object = (await cluster
        .clientFor(identity)
        .get(TRANSPORT_KIND, namespace, name)) as unknown as ServersTransportTCP;
      const traefikId = traefikTransportId(namespace, name);
      const feed = deps.feeds.feedFor(cluster);
      const routes: IngressRouteTCP[] = (await feed.ready(deps.cacheWaitMs)) ? feed.routes() : [];
      const prediction = await predictionFor({
        client: cluster.clientFor(identity),
        object,
        schema: await transportSchemaOf(cluster),
        routes,
        provider: deps.feeds.provider,
      });
      const origins = new OriginIndex(routes);
      const readings = await deps.views.readAll(cluster, identity);
      const body: TransportTraefikResponse = {
        traefikId,
        instances: readings.map((data) =>
          transportView(data, traefikId, prediction, origins, deps.feeds.provider),
        ),
      };
      res.json(body);
    }),
  );

  return router;
}
