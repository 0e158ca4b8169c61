import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth/authenticate.js';
import { allowed, forbiddenMessage } from '../auth/policy.js';
import type { Route } from './routes.js';
import { route } from './routes.js';
import { isStackOverflow, mediaType, parseAccept, PROTOBUF } from './request.js';
import { guardRequest, requireBodyType } from './guard.js';
import { ApiError, errors } from './status.js';
import { sendError } from './respond.js';
import type { HandlerContext } from './context.js';
import { serveNonResource } from './nonResource.js';
import { serveResource, serveReview } from './resourceHandler.js';
import { proxyToService, serviceProxyTarget } from './serviceProxy.js';

const SERVICE_REF = { group: '', plural: 'services' };

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
      // Input nested within the decoders' limit can still exhaust a deeper walk: the request's fault.
      else if (isStackOverflow(error))
        sendError(res, errors.badRequest('the object nests too deeply to be processed'));
      else sendError(res, errors.internal(error instanceof Error ? error.message : String(error)));
    });
  };
}

/**
 * Anonymous requests reach only what kube-apiserver's default RBAC grants `system:unauthenticated`
 * through `system:public-info-viewer`: /version, /healthz, /readyz and /livez. Discovery and OpenAPI
 * (`system:discovery`) are bound to `system:authenticated` only, so they need a token like everything
 * else. Everything else answers 401, as kube-apiserver does when its anonymous authenticator is limited
 * to those paths (`anonymous.conditions` of the structured authentication configuration): unlike a 403
 * for `system:anonymous`, it tells a client that it sent no credentials.
 */
function isPublic(target: Route): boolean {
  return target.kind === 'version' || target.kind === 'health';
}

function routeOf(pathname: string): Route {
  try {
    return route(pathname);
  } catch (error) {
    if (error instanceof URIError)
      throw errors.badRequest(`the request path ${JSON.stringify(pathname)} is not validly percent-encoded`);
    throw error;
  }
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  guardRequest(req.headers, ctx.hosts());
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const anyone = authenticate(req.headers, ctx.tokens);
  const proxy = serviceProxyTarget(url.pathname);
  if (proxy) {
    if (!anyone) throw errors.unauthorized();
    // RBAC names the subresource `services/proxy`; kube-apiserver checks the proxy's method as the verb.
    const attrs = {
      verb: 'get',
      group: '',
      resource: 'services/proxy',
      namespace: proxy.namespace,
      name: proxy.service,
    };
    if (!allowed(anyone, attrs))
      throw errors.forbidden(forbiddenMessage(anyone, attrs), SERVICE_REF, proxy.service);
    await proxyToService(ctx.objects, proxy, url.search, req, res);
    return;
  }
  const target = routeOf(url.pathname);
  if (!anyone && !isPublic(target)) throw errors.unauthorized();
  requireBodyType(method, mediaType(req.headers['content-type']));
  const accept = parseAccept(req.headers.accept);
  if (target.kind !== 'resource') {
    if (method !== 'GET' && method !== 'HEAD')
      throw target.kind === 'notFound' ? errors.noRoute() : errors.methodNotAllowed();
    serveNonResource(ctx, target, accept, res);
    return;
  }
  // Public routes are never resources; this only narrows the type.
  if (!anyone) throw errors.unauthorized();
  const identity = anyone;
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
