import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { KubeObject } from '../types.js';
import { findResource } from '../resources/registry.js';
import type { ObjectService } from '../rest/objects.js';
import { ApiError, errors } from './status.js';

/** `/api/v1/namespaces/{ns}/services/[http:]{name}[:{port}]/proxy/{path}`, as kube-apiserver serves it. */
export interface ServiceProxyTarget {
  namespace: string;
  service: string;
  /** Service port name or number; empty means the Service's only port. */
  port: string;
  /** The path below `proxy`, still percent-encoded as the client sent it. */
  path: string;
}

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/;
// Traefik's API answers in milliseconds; a proxied call that hangs longer is the backend's fault.
const PROXY_TIMEOUT_MS = 30_000;

/** The service proxy target of a raw request path, or undefined when the path is something else. */
export function serviceProxyTarget(pathname: string): ServiceProxyTarget | undefined {
  const match = PROXY_PATH.exec(pathname);
  if (!match) return undefined;
  const namespace = decodeURIComponent(match[1] ?? '');
  const [first = '', second, third] = decodeURIComponent(match[2] ?? '').split(':');
  // `scheme:name:port` or `name:port` or `name`; only plain HTTP backends are served.
  const hasScheme = third !== undefined || first === 'http' || first === 'https';
  if (hasScheme && first !== 'http') throw errors.badRequest(`only http service proxies are served here`);
  const service = hasScheme ? (second ?? '') : first;
  const port = (hasScheme ? third : second) ?? '';
  return { namespace, service, port, path: match[3] ?? '/' };
}

const SERVICES = findResource('', 'v1', 'services');
const SLICES = findResource('discovery.k8s.io', 'v1', 'endpointslices');

interface ServicePort {
  name?: string;
  port?: number;
}

/**
 * Forwards a request to a loopback endpoint of the Service, as kube-apiserver's service proxy does:
 * the port is chosen by the Service port's name or number, the endpoint from its EndpointSlices. The
 * caller's credentials stay here, and only loopback endpoints are dialled, so the proxy cannot be
 * turned into a way to reach other machines.
 */
export async function proxyToService(
  objects: ObjectService,
  target: ServiceProxyTarget,
  search: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') throw errors.methodNotAllowed();
  if (!SERVICES || !SLICES) throw errors.internal('services are not served by this cluster');
  const service = objects.get(SERVICES, target.namespace, target.service);
  const ports = ((service['spec'] as { ports?: ServicePort[] } | undefined)?.ports ?? []).filter(Boolean);
  const servicePort =
    target.port === ''
      ? ports.length === 1
        ? ports[0]
        : undefined
      : ports.find((p) => p.name === target.port || String(p.port) === target.port);
  const noEndpoints = new ApiError(
    503,
    'ServiceUnavailable',
    `no endpoints available for service "${target.service}"`,
  );
  if (!servicePort) throw noEndpoints;
  const address = loopbackEndpoint(
    objects.list(SLICES, target.namespace, {
      labelSelector: `kubernetes.io/service-name=${target.service}`,
    }).items,
    servicePort.name ?? '',
  );
  if (!address) throw noEndpoints;
  await forward(address, `${target.path}${search}`, method, req, res);
}

/** The first ready loopback address with the port named like the Service's port. */
function loopbackEndpoint(
  slices: readonly KubeObject[],
  portName: string,
): { host: string; port: number } | undefined {
  for (const slice of slices) {
    const body = slice as unknown as {
      ports?: { name?: string; port?: number }[];
      endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
    };
    const port = (body.ports ?? []).find((p) => (p.name ?? '') === portName)?.port;
    if (port === undefined) continue;
    for (const endpoint of body.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      const host = (endpoint.addresses ?? []).find(isLoopback);
      if (host) return { host, port };
    }
  }
  return undefined;
}

function isLoopback(address: string): boolean {
  return (isIP(address) === 4 && address.startsWith('127.')) || address === '::1';
}

function forward(
  address: { host: string; port: number },
  path: string,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const hostHeader =
    isIP(address.host) === 6 ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: address.host,
        port: address.port,
        method,
        path,
        // Only what describes the wanted answer: the caller's token and cookies are for this server alone.
        headers: {
          host: hostHeader,
          ...(req.headers.accept ? { accept: req.headers.accept } : {}),
        },
        timeout: PROXY_TIMEOUT_MS,
      },
      (answer) => {
        const headers: Record<string, string> = { 'Cache-Control': 'no-cache, private' };
        const type = answer.headers['content-type'];
        if (type) headers['Content-Type'] = type;
        const length = answer.headers['content-length'];
        if (length) headers['Content-Length'] = length;
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('the service did not answer in time')));
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        resolve();
        return;
      }
      reject(new ApiError(502, 'BadGateway', `error trying to reach service: ${error.message}`));
    });
    req.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end();
  });
}
