import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';
import type { Identity, UserInfo } from '../auth/policy.js';
import type { ResourceType } from '../resources/registry.js';
import { apiVersionOf } from '../resources/registry.js';
import type { PatchType, WriteOptions, WriteResult } from '../rest/types.js';
import { PATCH_TYPES } from '../rest/types.js';
import { parseFieldValidation } from '../validation/customResource.js';
import type { AcceptedMedia } from './request.js';
import { decodeObjectBody, mediaType, parseJson, parseYamlBody, readBody } from './request.js';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from './reviews.js';
import type { IncludeObject } from './table.js';
import { toTable } from './table.js';
import { errors } from './status.js';
import { listJson, objectJson } from './serialize.js';
import { send, sendBytes, warningHeaders } from './respond.js';
import type { HandlerContext } from './context.js';
import { writeThroughWebhooks } from '../webhooks/admit.js';

/** `kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07` → `kubectl`, as the API server names default managers. */
function managerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? '').split('/')[0]?.trim() ?? '';
  return product.slice(0, 128) || 'unknown';
}

function parseDryRun(query: URLSearchParams, body?: unknown): boolean {
  const values = query.getAll('dryRun');
  if (isPlainObject(body) && Array.isArray(body['dryRun'])) values.push(...(body['dryRun'] as string[]));
  for (const value of values) {
    if (value !== 'All') throw errors.badRequest(`Invalid dry run value: ${value}. Valid values are: All`);
  }
  return values.length > 0;
}

function positiveInt(value: string | null, name: string): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw errors.badRequest(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === 'None' || value === 'Object') return value;
  return 'Metadata';
}

function listBody(type: ResourceType, items: KubeObject[], metadata: Record<string, unknown>): unknown {
  return { apiVersion: apiVersionOf(type), kind: type.listKind, metadata, items };
}

/** A create or update body: JSON, YAML, or protobuf for built-in kinds (what kubectl sends). */
async function objectBody(req: IncomingMessage, type: ResourceType): Promise<unknown> {
  return decodeObjectBody(
    await readBody(req),
    mediaType(req.headers['content-type']),
    type.class === 'builtin',
  );
}

function tableType(accept: AcceptedMedia): string {
  return `application/json;as=Table;v=${accept.table?.version ?? 'v1'};g=meta.k8s.io`;
}

export async function serveReview(
  identity: Identity,
  type: ResourceType,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = decodeObjectBody(await readBody(req), mediaType(req.headers['content-type']), true);
  const answer =
    type.kind === 'SelfSubjectAccessReview'
      ? selfSubjectAccessReview(identity, body)
      : type.kind === 'SelfSubjectRulesReview'
        ? selfSubjectRulesReview(identity, body)
        : selfSubjectReview(identity);
  send(res, 201, answer);
}

export interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  verb: string;
  query: URLSearchParams;
  accept: AcceptedMedia;
  user: UserInfo;
}

function writeOptions(req: IncomingMessage, query: URLSearchParams, body?: unknown): WriteOptions {
  const given = query.get('fieldManager');
  return {
    dryRun: parseDryRun(query, body),
    fieldManager: given || managerFromUserAgent(req.headers['user-agent']),
    fieldManagerGiven: Boolean(given),
    fieldValidation: parseFieldValidation(query.get('fieldValidation')),
  };
}

function patchTypeOf(contentType: string, type: ResourceType): PatchType {
  const all = Object.values(PATCH_TYPES) as string[];
  const accepted = type.class === 'custom' ? all.filter((t) => t !== PATCH_TYPES.strategic) : all;
  if (!accepted.includes(contentType)) throw errors.unsupportedMediaType(accepted);
  return contentType as PatchType;
}

export async function serveResource(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRequest,
): Promise<void> {
  const { type, namespace, name, query, accept } = r;
  const admitted = (options: WriteOptions, write: (options: WriteOptions) => WriteResult) =>
    writeThroughWebhooks({ objects: ctx.objects, type, namespace, name, user: r.user, options, write });
  const respond = (result: WriteResult): void => {
    const body =
      accept.table && isPlainObject(result.body) && result.body['kind'] === type.kind
        ? toTable(type.kind, [result.body as KubeObject], includeObject(query), {})
        : result.body;
    send(res, result.status, body, warningHeaders(result.warnings));
  };
  switch (r.verb) {
    case 'get': {
      const object = ctx.objects.get(type, namespace, name ?? '');
      if (accept.table) {
        send(
          res,
          200,
          toTable(type.kind, [object], includeObject(query), {
            resourceVersion: object.metadata.resourceVersion,
          }),
          {
            'Content-Type': tableType(accept),
          },
        );
      } else sendBytes(res, 200, objectJson(object));
      return;
    }
    case 'list': {
      if (query.get('sendInitialEvents') !== null) {
        throw errors.badRequest('sendInitialEvents is only supported on watch requests');
      }
      const rv = ctx.objects.resourceVersion;
      const cacheKey = [
        type.plural,
        type.group,
        namespace ?? '',
        ...['labelSelector', 'fieldSelector', 'limit', 'continue'].map((k) => query.get(k) ?? ''),
      ].join('\u0000');
      const cached = accept.table ? undefined : ctx.lists.get(rv, cacheKey);
      if (cached) {
        sendBytes(res, 200, cached);
        return;
      }
      const result = ctx.objects.list(type, namespace, {
        labelSelector: query.get('labelSelector'),
        fieldSelector: query.get('fieldSelector'),
        limit: positiveInt(query.get('limit'), 'limit'),
        continueToken: query.get('continue'),
      });
      const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
      if (result.continueToken) metadata['continue'] = result.continueToken;
      if (result.remainingItemCount !== undefined) metadata['remainingItemCount'] = result.remainingItemCount;
      if (accept.table) {
        send(res, 200, toTable(type.kind, result.items, includeObject(query), metadata), {
          'Content-Type': tableType(accept),
        });
      } else {
        const body = listJson(
          { apiVersion: apiVersionOf(type), kind: type.listKind, metadata },
          result.items,
        );
        ctx.lists.set(rv, cacheKey, body);
        sendBytes(res, 200, body);
      }
      return;
    }
    case 'watch': {
      const include = includeObject(query);
      const sendInitialEvents = query.get('sendInitialEvents') === 'true';
      if (sendInitialEvents && query.get('allowWatchBookmarks') !== 'true') {
        throw errors.invalid('ListOptions', 'meta.k8s.io', '', [
          {
            reason: 'FieldValueForbidden',
            field: 'allowWatchBookmarks',
            message: 'Forbidden: allowWatchBookmarks must be set to true when sendInitialEvents is specified',
          },
        ]);
      }
      ctx.watches.serve(res, {
        type,
        namespace,
        labelSelector: query.get('labelSelector'),
        fieldSelector: query.get('fieldSelector'),
        resourceVersion: query.get('resourceVersion'),
        allowBookmarks: query.get('allowWatchBookmarks') === 'true',
        sendInitialEvents,
        timeoutSeconds: positiveInt(query.get('timeoutSeconds'), 'timeoutSeconds'),
        render: accept.table
          ? (object, first) =>
              toTable(
                type.kind,
                [object],
                include,
                { resourceVersion: object.metadata.resourceVersion },
                first,
              )
          : (object) => object,
        contentType: accept.table ? tableType(accept) : 'application/json',
        bookmarkIntervalMs: ctx.bookmarkIntervalMs,
      });
      return;
    }
    case 'create': {
      const body = await objectBody(req, type);
      respond(
        await admitted(writeOptions(req, query), (options) =>
          ctx.objects.create(type, namespace, structuredClone(body), options),
        ),
      );
      return;
    }
    case 'update': {
      const body = await objectBody(req, type);
      respond(
        await admitted(writeOptions(req, query), (options) =>
          ctx.objects.update(type, namespace, name ?? '', structuredClone(body), options),
        ),
      );
      return;
    }
    case 'patch': {
      const patchType = patchTypeOf(mediaType(req.headers['content-type']), type);
      const raw = await readBody(req);
      const body = patchType === PATCH_TYPES.apply ? parseYamlBody(raw) : parseJson(raw, 'JSON');
      const force = query.get('force') === 'true';
      respond(
        await admitted(writeOptions(req, query), (options) =>
          ctx.objects.patch(type, namespace, name ?? '', patchType, structuredClone(body), {
            ...options,
            force,
          }),
        ),
      );
      return;
    }
    case 'delete': {
      const raw = await readBody(req);
      const options = raw.length > 0 ? parseJson(raw, 'DeleteOptions') : {};
      // kube-apiserver reads DeleteOptions from the body when there is one and then ignores the query,
      // so `?dryRun=All` beside a body deletes for real there; a client must not learn otherwise here.
      const dryRun = raw.length > 0 ? parseDryRun(new URLSearchParams(), options) : parseDryRun(query);
      const preconditions =
        isPlainObject(options) && isPlainObject(options['preconditions'])
          ? options['preconditions']
          : undefined;
      respond(
        ctx.objects.delete(
          type,
          namespace,
          name ?? '',
          {
            preconditions: preconditions
              ? {
                  uid: typeof preconditions['uid'] === 'string' ? preconditions['uid'] : undefined,
                  resourceVersion:
                    typeof preconditions['resourceVersion'] === 'string'
                      ? preconditions['resourceVersion']
                      : undefined,
                }
              : undefined,
          },
          dryRun,
        ),
      );
      return;
    }
    case 'deletecollection': {
      const dryRun = parseDryRun(query);
      const { items } = ctx.objects.list(type, namespace, {
        labelSelector: query.get('labelSelector'),
        fieldSelector: query.get('fieldSelector'),
      });
      const deleted: unknown[] = [];
      for (const item of items) {
        const result = ctx.objects.delete(
          type,
          item.metadata.namespace,
          item.metadata.name ?? '',
          {},
          dryRun,
        );
        deleted.push(isPlainObject(result.body) && result.body['kind'] === 'Status' ? item : result.body);
      }
      send(res, 200, listBody(type, deleted as KubeObject[], {}));
      return;
    }
    default:
      throw errors.methodNotAllowed();
  }
}
