import { Router, type Response } from 'express';
import type { TransportEvent } from '@dialtone/shared';

import { optionalNamespaceQuery, type ClusterConnection } from '../clusters/index.js';
import type { Identity } from '../identity/index.js';
import { route, type TransportRouteDeps } from './deps.js';
import type { FeedEntry } from './transportFeed.js';
import { mayList, requireList } from './visibility.js';

function send(res: Response, event: TransportEvent, id?: string): void {
  res.write(`${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(event)}\n\n`);
}

/**
 * Delivers entries in order, each only if the identity may list transports in its namespace. One
 * access review per namespace, remembered briefly, so a burst of changes costs a handful of reviews.
 */
function deliverer(
  res: Response,
  cluster: ClusterConnection,
  identity: Identity,
  namespace: string | undefined,
) {
  const queue: FeedEntry[] = [];
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (queue.length > 0 && !res.writableEnded) {
      const entry = queue.shift()!;
      if (namespace !== undefined && entry.namespace !== namespace) continue;
      let allowed: boolean;
      try {
        allowed = await mayList(cluster, identity, 'serverstransporttcps', entry.namespace);
      } catch {
        // Cannot tell whether this user may see it: leave it out, and have the client reload the list later.
        send(res, { type: 'RESYNC', reason: 'permissions could not be checked; reload the list' });
        continue;
      }
      if (allowed && !res.writableEnded) send(res, entry.event, entry.id);
    }
    draining = false;
  };
  return (entries: FeedEntry[]) => {
    queue.push(...entries);
    void drain();
  };
}

/** `GET /clusters/{c}/transports/events`: server-sent events, resumable with `Last-Event-ID` or `?since=`. */
export function eventRoutes(deps: TransportRouteDeps): Router {
  const router = Router();
  router.get(
    '/clusters/:cluster/transports/events',
    route('the ServersTransportTCP event stream', async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const namespace = optionalNamespaceQuery(req.query['namespace']);
      await requireList(cluster, identity, namespace);
      const feed = deps.feeds.feedFor(cluster);
      await feed.ready(deps.cacheWaitMs);

      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');

      const deliver = deliverer(res, cluster, identity, namespace);
      const headerId = req.get('Last-Event-ID');
      const lastId = headerId ?? (typeof req.query['since'] === 'string' ? req.query['since'] : undefined);
      // Reading the history and subscribing in the same tick leaves no gap and no duplicate.
      const missed = lastId ? feed.since(lastId) : [];
      const unsubscribe = feed.subscribe((entry) => deliver([entry]));
      if (missed === undefined) {
        send(res, {
          type: 'RESYNC',
          reason: 'the changes since your last event are no longer kept; reload the list',
        });
      } else deliver(missed);

      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), deps.heartbeatMs);
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    }),
  );
  return router;
}
