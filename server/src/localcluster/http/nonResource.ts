import type { ServerResponse } from 'node:http';
import {
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  SERVER_VERSION,
} from './discovery.js';
import type { Route } from './routes.js';
import type { AcceptedMedia } from './request.js';
import { errors } from './status.js';
import { send } from './respond.js';
import type { HandlerContext } from './context.js';

export function serveNonResource(
  ctx: HandlerContext,
  target: Route,
  accept: AcceptedMedia,
  res: ServerResponse,
): void {
  switch (target.kind) {
    case 'version':
      return send(res, 200, SERVER_VERSION);
    case 'health':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    case 'api':
    case 'apis': {
      if (accept.discovery) {
        const apiVersion = `apidiscovery.k8s.io/${accept.discovery}`;
        return send(res, 200, aggregatedDiscovery(target.kind === 'api', apiVersion), {
          'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${accept.discovery};as=APIGroupDiscoveryList`,
        });
      }
      return send(res, 200, target.kind === 'api' ? apiVersions(ctx.serverAddress()) : apiGroupList());
    }
    case 'group': {
      const doc = apiGroupDocument(target.group);
      if (!doc) throw errors.noRoute();
      return send(res, 200, doc);
    }
    case 'groupVersion': {
      const doc = apiResourceList(target.group, target.version);
      if (!doc) throw errors.noRoute();
      return send(res, 200, doc);
    }
    case 'openapiIndex':
      return send(res, 200, ctx.openapi.index);
    case 'openapiDocument': {
      const text = ctx.openapi.documents.get(target.key);
      if (!text) throw errors.noRoute();
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'public, immutable',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    default:
      throw errors.noRoute();
  }
}
