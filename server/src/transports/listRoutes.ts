import { Router } from 'express';
import type { TransportListResponse, TransportSummary, ServersTransportTCP } from '@dialtone/shared';
import { optionalNamespaceQuery, TRANSPORT_KIND } from '../clusters/index.js';

import { route, type TransportRouteDeps } from './deps.js';
import { listableNamespaces, requireList } from './visibility.js';

function byNamespaceAndName(a: TransportSummary, b: TransportSummary): number {
  return a.namespace === b.namespace ? a.name.localeCompare(b.name) : a.namespace.localeCompare(b.namespace);
}

/** `GET /clusters/{c}/transports`: summaries from the cache, only those the user may list. */
export function listRoutes(deps: TransportRouteDeps): Router {
  const router = Router();
  router.get(
    '/clusters/:cluster/transports',
    route('the ServersTransportTCP list', async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const namespace = optionalNamespaceQuery(req.query['namespace']);
      await requireList(cluster, identity, namespace);
      const feed = deps.feeds.feedFor(cluster);
      let body: TransportListResponse;
      if (await feed.ready(deps.cacheWaitMs)) {
        const all = feed.allSummaries().filter((s) => namespace === undefined || s.namespace === namespace);
        const visible = await listableNamespaces(
          cluster,
          identity,
          'serverstransporttcps',
          all.map((s) => s.namespace),
        );
        const dangling = feed
          .dangling()
          .filter((d) => namespace === undefined || d.route.namespace === namespace);
        const routeVisible = await listableNamespaces(
          cluster,
          identity,
          'ingressroutetcps',
          dangling.map((d) => d.route.namespace),
        );
        body = {
          items: all.filter((s) => visible(s.namespace)).sort(byNamespaceAndName),
          dangling: dangling.filter((d) => routeVisible(d.route.namespace)),
          resourceVersion: feed.resourceVersion,
        };
      } else {
        // No cache yet (first start, or the server's own account may not list everything): ask as the user.
        const list = await cluster.clientFor(identity).listAll(TRANSPORT_KIND, namespace);
        body = {
          items: list.items
            .map((o) => feed.summaryOf(o as unknown as ServersTransportTCP))
            .sort(byNamespaceAndName),
          resourceVersion: list.resourceVersion,
        };
      }
      res.json(body);
    }),
  );
  return router;
}
