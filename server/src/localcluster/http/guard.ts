import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { PATCH_TYPES } from '../rest/types.js';
import { ApiError, errors } from './status.js';
import { PROTOBUF } from './request.js';

const WILDCARDS = ['0.0.0.0', '::', ''];

/**
 * The Host values this server answers to: the loopback spellings of its port, and the bound host when it
 * is a specific one. A page whose DNS name was rebound to 127.0.0.1 sends its own name and is refused.
 */
export function allowedHostHeaders(boundHost: string, port: number): ReadonlySet<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const bare = boundHost.replace(/^\[|\]$/g, '').toLowerCase();
  if (!WILDCARDS.includes(bare)) names.push(isIP(bare) === 6 ? `[${bare}]` : bare);
  return new Set(names.map((name) => `${name}:${port}`));
}

/**
 * Refuses what only a browser or a rebinding page sends. No browser has business with this API: a page
 * could otherwise reach it on loopback with `no-cors` requests, which carry neither token nor preflight.
 */
export function guardRequest(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): void {
  const host = (headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) {
    throw new ApiError(
      421,
      'MisdirectedRequest',
      `this API server answers only to ${[...hosts].join(', ')}, not to Host "${host}": use the server URL of its kubeconfig`,
    );
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    throw errors.forbidden(
      `requests from web pages are refused (Origin: ${origin}): this API server serves kubectl, client libraries and controllers, never a browser`,
    );
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none') {
    throw errors.forbidden(
      `requests from web pages are refused (Sec-Fetch-Site: ${String(site)}): this API server serves kubectl, client libraries and controllers, never a browser`,
    );
  }
}

/** What kube-apiserver decodes; anything else, and no type at all, is not an API request. */
export const BODY_TYPES: readonly string[] = [
  'application/json',
  'application/yaml',
  PROTOBUF,
  ...Object.values(PATCH_TYPES),
];

/**
 * A write names what its body is. Without this a page could POST a `no-cors` body (sent as text/plain,
 * or with no type at all) that would be read as JSON.
 */
export function requireBodyType(method: string, contentType: string): void {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return;
  if (!BODY_TYPES.includes(contentType)) throw errors.unsupportedMediaType([...BODY_TYPES]);
}
