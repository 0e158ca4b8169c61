import { Router } from 'express';
import type { TransportListResponse, ServersTransportTCP } from '@dialtone/shared';
import { optionalNamespaceQuery, TRANSPORT_KIND } from '../clusters/index.js';

import { route, type TransportRouteDeps } from './deps.js';
import { listBody, sortSummaries, type SummaryRow } from './listSnapshot.js';
import { listableNamespaces, requireList } from './visibility.js';

function* namespacesOf(rows: readonly SummaryRow[], inScope: (namespace: string) => boolean) {
  for (const row of rows) if (inScope(row.namespace)) yield row.namespace;
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
      if (await feed.ready(deps.cacheWaitMs)) {
        const snapshot = feed.snapshot();
        const inScope = (ns: string) => namespace === undefined || ns === namespace;
        const visible = await listableNamespaces(
          cluster,
          identity,
          'serverstransporttcps',
          namespacesOf(snapshot.rows, inScope),
        );
        const dangling = feed.dangling().filter((d) => inScope(d.route.namespace));
        const routeVisible = await listableNamespaces(
          cluster,
          identity,
          'ingressroutetcps',
          dangling.map((d) => d.route.namespace),
        );
        const shownDangling = dangling.filter((d) => routeVisible(d.route.namespace));
        const everything = namespace === undefined && snapshot.rows.every((r) => visible(r.namespace));
        const body = everything
          ? snapshot.allBody(shownDangling, feed.resourceVersion)
          : listBody(
              snapshot.someItems((r) => inScope(r.namespace) && visible(r.namespace)),
              shownDangling,
              feed.resourceVersion,
            );
        // Serialized ahead (see ListSnapshot): the bytes are what res.json would have sent.
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('ETag', body.etag);
        res.send(body.bytes);
        return;
      }
      // No cache yet (first start, or the server's own account may not list everything): ask as the user.
      const list = await cluster.clientFor(identity).listAll(TRANSPORT_KIND, namespace);
      const body: TransportListResponse = {
        items: sortSummaries(list.items.map((o) => feed.summaryOf(o as unknown as ServersTransportTCP))),
        resourceVersion: list.resourceVersion,
      };
      res.json(body);
    }),
  );
  return router;
}
