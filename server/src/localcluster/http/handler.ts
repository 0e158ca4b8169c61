import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth/authenticate.js';
import { allowed, forbiddenMessage } from '../auth/policy.js';
import type { Route } from './routes.js';
import { route } from './routes.js';
import { parseAccept, PROTOBUF } from './request.js';
import { ApiError, errors } from './status.js';
import { sendError } from './respond.js';
import type { HandlerContext } from './context.js';
import { serveNonResource } from './nonResource.js';
import { serveResource, serveReview } from './resourceHandler.js';

function verbFor(
  method: string,
  route: Extract<Route, { kind: 'resource' }>,
  query: URLSearchParams,
): string {
  const named = route.name !== undefined;
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (named) return 'get';
      return query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
    case 'POST':
      return named ? '' : 'create';
    case 'PUT':
      return named ? 'update' : '';
    case 'PATCH':
      return named ? 'patch' : '';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return '';
  }
}

export function createHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (error instanceof ApiError) sendError(res, error);
      else sendError(res, errors.internal(error instanceof Error ? error.message : String(error)));
    });
  };
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const identity = authenticate(req.headers, ctx.tokens);
  const accept = parseAccept(req.headers.accept);
  const target = route(url.pathname);
  if (target.kind !== 'resource') {
    if (method !== 'GET' && method !== 'HEAD')
      throw target.kind === 'notFound' ? errors.noRoute() : errors.methodNotAllowed();
    serveNonResource(ctx, target, accept, res);
    return;
  }
  if (!accept.jsonOk) throw errors.notAcceptable(['application/json', 'application/yaml', PROTOBUF]);
  if (target.subresource !== undefined) throw errors.noRoute();
  const verb = verbFor(method, target, url.searchParams);
  if (verb === '') throw errors.methodNotAllowed();
  const { type, namespace, name } = target;
  const attrs = { verb, group: type.group, resource: type.plural, namespace, name };
  if (!allowed(identity, attrs)) throw errors.forbidden(forbiddenMessage(identity, attrs), type, name);
  if (type.class === 'virtual') {
    await serveReview(identity, type, req, res);
    return;
  }
  await serveResource(ctx, req, res, {
    type,
    namespace,
    name,
    verb,
    query: url.searchParams,
    accept,
    user: identity.user,
  });
}
