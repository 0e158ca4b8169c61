import type { ResourceType } from '../resources/registry.js';
import { findResource, groupVersions } from '../resources/registry.js';

export type Route =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'openapiIndex' }
  | { kind: 'openapiDocument'; key: string }
  | { kind: 'resource'; type: ResourceType; namespace?: string; name?: string; subresource?: string }
  | { kind: 'notFound' };

function resourceRoute(group: string, version: string, segments: string[]): Route {
  if (!groupVersions().some((gv) => gv.group === group && gv.version === version))
    return { kind: 'notFound' };
  if (segments.length === 0) return { kind: 'groupVersion', group, version };
  // `namespaces/{ns}` is a namespace prefix only when a resource follows it.
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    const [, namespace, plural, name, subresource, ...rest] = segments;
    const type = findResource(group, version, plural ?? '');
    if (!type || !type.namespaced || rest.length > 0 || namespace === '') return { kind: 'notFound' };
    return { kind: 'resource', type, namespace, name, subresource };
  }
  const [plural, name, subresource, ...rest] = segments;
  const type = findResource(group, version, plural ?? '');
  if (!type || rest.length > 0) return { kind: 'notFound' };
  if (type.namespaced && name !== undefined) return { kind: 'notFound' };
  return { kind: 'resource', type, name, subresource };
}

export function route(pathname: string): Route {
  const segments = pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const [first, second, third, ...rest] = segments;
  if (pathname === '/version' || pathname === '/version/') return { kind: 'version' };
  if (['healthz', 'readyz', 'livez'].includes(first ?? '') && segments.length <= 2) return { kind: 'health' };
  if (first === 'api') {
    if (second === undefined) return { kind: 'api' };
    return resourceRoute(
      '',
      second,
      [third, ...rest].filter((s): s is string => s !== undefined),
    );
  }
  if (first === 'apis') {
    if (second === undefined) return { kind: 'apis' };
    if (third === undefined) return { kind: 'group', group: second };
    return resourceRoute(second, third, rest);
  }
  if (first === 'openapi' && second === 'v3') {
    if (third === undefined) return { kind: 'openapiIndex' };
    return { kind: 'openapiDocument', key: [third, ...rest].join('/') };
  }
  return { kind: 'notFound' };
}
