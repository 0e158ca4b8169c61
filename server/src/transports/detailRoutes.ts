import { Router } from 'express';
import {
  crossCheckDocuments,
  referenceDiagnostics,
  traefikTransportId,
  validate,
  type IngressRouteTCP,
  type ServersTransportTCP,
  type TransportDetail,
  type TransportPermissions,
  type TransportUsage,
  type UsageResponse,
} from '@dialtone/shared';
import {
  nameParam,
  namespaceParam,
  ROUTE_KIND,
  TRANSPORT_KIND,
  type ClusterConnection,
} from '../clusters/index.js';
import type { Identity } from '../identity/index.js';
import { route, type TransportRouteDeps } from './deps.js';
import { referenceStates } from './references.js';
import { transportSchemaOf } from './schemaFor.js';
import type { TransportFeed } from './transportFeed.js';
import { usagesById, usageOf } from './usage.js';
import { listableNamespaces } from './visibility.js';

async function permissions(
  cluster: ClusterConnection,
  identity: Identity,
  namespace: string,
  name: string,
): Promise<TransportPermissions> {
  const ask = (verb: string, group: string, resource: string, objectName?: string) =>
    cluster.access.allowed(identity, {
      verb,
      group,
      resource,
      namespace,
      ...(objectName ? { name: objectName } : {}),
    });
  const [update, remove, readSecrets] = await Promise.all([
    ask('update', 'traefik.io', 'serverstransporttcps', name),
    ask('delete', 'traefik.io', 'serverstransporttcps', name),
    ask('get', '', 'secrets'),
  ]);
  return { update, delete: remove, readSecrets };
}

/** Usage and the routes behind it, limited to routes the identity may list. */
async function usageFor(
  deps: TransportRouteDeps,
  feed: TransportFeed,
  identity: Identity,
  namespace: string,
  name: string,
): Promise<UsageResponse> {
  let usage: TransportUsage[];
  let routes: IngressRouteTCP[];
  if (await feed.ready(deps.cacheWaitMs)) {
    usage = feed.usageOf(namespace, name);
    routes = feed.routes();
  } else {
    // Without the cache, only same-namespace references can be found without listing everything.
    const list = await feed.cluster.clientFor(identity).listAll(ROUTE_KIND, namespace);
    routes = list.items as unknown as IngressRouteTCP[];
    usage = usageOf(usagesById(routes, deps.feeds.provider), namespace, name);
  }
  const visible = await listableNamespaces(
    feed.cluster,
    identity,
    'ingressroutetcps',
    usage.map((u) => u.route.namespace),
  );
  const shown = usage.filter((u) => visible(u.route.namespace));
  const routeKeys = new Set(shown.map((u) => `${u.route.namespace}/${u.route.name}`));
  return {
    usage: shown,
    routes: routes.filter((r) => routeKeys.has(`${r.metadata.namespace ?? ''}/${r.metadata.name ?? ''}`)),
  };
}

/** Detail and usage of one transport, read with the user's identity. */
export function detailRoutes(deps: TransportRouteDeps): Router {
  const router = Router();

  router.get(
    '/clusters/:cluster/namespaces/:namespace/transports/:name',
    route('the ServersTransportTCP', async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const namespace = namespaceParam(req.params['namespace']);
      const name = nameParam(req.params['name']);
      const client = cluster.clientFor(identity);
      const object = (await client.get(TRANSPORT_KIND, namespace, name)) as unknown as ServersTransportTCP;
      const feed = deps.feeds.feedFor(cluster);
      const schema = await transportSchemaOf(cluster);
      const diagnostics = validate(object, { schemas: { serversTransportTCP: schema } });
      // Another transport that normalizes to the same Traefik ID silently replaces one of them.
      const id = traefikTransportId(namespace, name);
      const others = feed
        .transportsWithId(id)
        .filter((t) => !(t.metadata.namespace === namespace && t.metadata.name === name));
      const visible = await listableNamespaces(
        cluster,
        identity,
        'serverstransporttcps',
        others.map((t) => t.metadata.namespace ?? ''),
      );
      const twins = others.filter((t) => visible(t.metadata.namespace ?? ''));
      if (twins.length > 0) {
        const entries = [object, ...twins];
        const cross = crossCheckDocuments(
          entries.map((value) => ({ kind: 'ServersTransportTCP' as const, value })),
        );
        diagnostics.push(...(cross.get(0) ?? []));
      }
      const [usage, references, perms] = await Promise.all([
        usageFor(deps, feed, identity, namespace, name),
        referenceStates(client, object),
        permissions(cluster, identity, namespace, name),
      ]);
      // Traefik accepts the object and silently drops what it cannot load: that is a problem too.
      diagnostics.push(...referenceDiagnostics(references, namespace));
      const body: TransportDetail = {
        object,
        traefikId: id,
        effective: feed.summaryOf(object).effective,
        diagnostics,
        usage: usage.usage,
        references,
        permissions: perms,
      };
      res.json(body);
    }),
  );

  router.get(
    '/clusters/:cluster/namespaces/:namespace/transports/:name/usage',
    route('the ServersTransportTCP usage', async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const namespace = namespaceParam(req.params['namespace']);
      const name = nameParam(req.params['name']);
      // Reading the transport first answers 404 or 403 for it, as the detail would.
      await cluster.clientFor(identity).get(TRANSPORT_KIND, namespace, name);
      const body: UsageResponse = await usageFor(
        deps,
        deps.feeds.feedFor(cluster),
        identity,
        namespace,
        name,
      );
      res.json(body);
    }),
  );

  return router;
}
