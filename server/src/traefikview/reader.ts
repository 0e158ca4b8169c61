import type { TraefikReading } from '@dialtone/shared';
import type { KubeClient } from '../clusters/index.js';
import { boundedGet, durationOf, TraefikReadError, type BoundedAnswer, type Bounds } from './boundedGet.js';
import type { TraefikApiConfig } from './instances.js';
import {
  LIMITS,
  parseOverview,
  parseRouters,
  parseServices,
  parseVersion,
  TraefikShapeError,
  type ParsedRouter,
  type ParsedService,
} from './parse.js';

/** Everything Dialtone keeps of one read of one instance. */
export interface InstanceData {
  reading: TraefikReading;
  routers: ParsedRouter[];
  services: ParsedService[];
}

export interface ReadOptions {
  /** Per request; the page waits at most this long for any one answer. */
  timeoutMs: number;
  maxBytes: number;
  perPage: number;
}

export const DEFAULT_READ: ReadOptions = { timeoutMs: 5_000, maxBytes: 8 * 1024 * 1024, perPage: 1_000 };

type Fetch = (path: string) => Promise<BoundedAnswer>;

function fetcherFor(config: TraefikApiConfig, client: KubeClient | undefined, bounds: Bounds): Fetch {
  if (config.via === 'direct') {
    const base = config.url.toString().replace(/\/$/, '');
    return (path) =>
      boundedGet(new URL(`${base}${path}`), { headers: { accept: 'application/json' } }, bounds);
  }
  if (!client) {
    throw new TraefikReadError(
      `service:${config.namespace}/${config.name}:${config.port} needs a cluster to proxy through; give Traefik's API URL instead`,
    );
  }
  return async (path) => {
    const { url, options } = await client.serviceProxyRequest(
      config.namespace,
      config.name,
      config.port,
      path,
    );
    return boundedGet(url, options, bounds);
  };
}

async function getJson(
  fetch: Fetch,
  path: string,
  config: TraefikApiConfig,
): Promise<{ value: unknown; next?: string }> {
  const answer = await fetch(path);
  if (answer.status !== 200) throw new TraefikReadError(statusMessage(answer, path, config));
  try {
    const next = answer.headers['x-next-page'];
    return { value: JSON.parse(answer.body) as unknown, ...(typeof next === 'string' ? { next } : {}) };
  } catch {
    throw new TraefikShapeError(`${path} did not answer JSON; check that the address is Traefik's API`);
  }
}

function statusMessage(answer: BoundedAnswer, path: string, config: TraefikApiConfig): string {
  if (config.via === 'service-proxy') {
    if (answer.status === 401)
      return 'the API server did not accept your credentials for the service proxy; log in again';
    if (answer.status === 403)
      return `your identity may not use the service proxy of ${config.namespace}/${config.name}: it needs get on services/proxy in ${config.namespace}`;
    if (answer.status === 404 || answer.status === 503)
      return `the API server found no ready endpoint of ${config.namespace}/${config.name} port ${config.port} (${answer.status}); check the Service and that Traefik runs`;
  }
  if (answer.status === 404)
    return `${path} answered 404: Traefik's API is not enabled there (api: {} in Traefik's configuration) or the address is not its API entry point`;
  return `${path} answered HTTP ${answer.status}`;
}

/** Pages through a list until Traefik says there is no next page or Dialtone has read its share. */
async function readAll(
  fetch: Fetch,
  path: string,
  config: TraefikApiConfig,
  perPage: number,
): Promise<{ items: unknown[]; truncated: boolean }> {
  const items: unknown[] = [];
  for (let page = 1; ; page += 1) {
    const { value, next } = await getJson(fetch, `${path}?per_page=${perPage}&page=${page}`, config);
    if (!Array.isArray(value)) throw new TraefikShapeError(`${path} is not a JSON array`);
    // Spreading a page into push() would overflow the stack on a page of millions of tiny items.
    const room = LIMITS.items - items.length;
    for (const item of value.slice(0, room)) items.push(item);
    if (value.length > room) return { items, truncated: true };
    const more = next !== undefined && Number(next) > page;
    if (!more) return { items, truncated: false };
    if (items.length >= LIMITS.items) return { items, truncated: true };
  }
}

/**
 * Reads version, overview, TCP routers and services of one instance; never throws. A direct URL
 * needs no client; the service proxy reads through the client's identity.
 */
export async function readInstance(
  config: TraefikApiConfig,
  client: KubeClient | undefined,
  options: ReadOptions = DEFAULT_READ,
): Promise<InstanceData> {
  const readAt = new Date().toISOString();
  try {
    const fetch = fetcherFor(config, client, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
    const [version, overview, routers, services] = await Promise.all([
      getJson(fetch, '/api/version', config).then((r) => parseVersion(r.value)),
      // The overview only adds counts; an old or odd Traefik without it is still read.
      getJson(fetch, '/api/overview', config).then(
        (r) => parseOverview(r.value),
        () => undefined,
      ),
      readAll(fetch, '/api/tcp/routers', config, options.perPage),
      readAll(fetch, '/api/tcp/services', config, options.perPage),
    ]);
    const truncated = routers.truncated || services.truncated;
    return {
      reading: {
        instance: config.instance,
        state: 'ok',
        version,
        ...(overview ? { overview } : {}),
        readAt,
        ...(truncated ? { truncated } : {}),
      },
      routers: parseRouters(routers.items),
      services: parseServices(services.items),
    };
  } catch (error) {
    return {
      reading: { instance: config.instance, state: 'error', error: describe(error), readAt },
      routers: [],
      services: [],
    };
  }
}

function describe(error: unknown): string {
  if (error instanceof TraefikReadError || error instanceof TraefikShapeError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `reading Traefik's API failed: ${message.slice(0, 300)}`;
}

/**
 * `readInstance` that gives up after twice one request's time: paging can chain several requests,
 * each within its own deadline, and the caller waits for all of them at most this long.
 */
export function readInstanceWithin(
  config: TraefikApiConfig,
  client: KubeClient | undefined,
  options: ReadOptions = DEFAULT_READ,
): Promise<InstanceData> {
  const limitMs = options.timeoutMs * 2;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<InstanceData>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          reading: {
            instance: config.instance,
            state: 'error',
            error: `Traefik's API did not finish answering within ${durationOf(limitMs)}; check that Traefik is not overloaded`,
            readAt: new Date().toISOString(),
          },
          routers: [],
          services: [],
        }),
      limitMs,
    );
  });
  return Promise.race([readInstance(config, client, options), late]).finally(() => clearTimeout(timer));
}
