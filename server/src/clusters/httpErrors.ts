import type { Diagnostic } from '@dialtone/shared';
import { ClusterUnreachableError, KubeApiError, type StatusCause } from './kubeErrors.js';
import { HttpError } from '../http/index.js';

/** `spec.tls.rootCAs[0].secret` → `/spec/tls/rootCAs/0/secret`. */
export function fieldToPointer(field: string): string {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  return parts.length === 0
    ? ''
    : '/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/**
 * The API server's objections as diagnostics on fields: the causes of a 422, and the unknown fields a
 * strict decoding error names in its message.
 */
export function apiServerDiagnostics(error: KubeApiError): Diagnostic[] {
  const fromCauses = error.causes.map((cause: StatusCause) => ({
    severity: 'error' as const,
    code: `apiserver.${(cause.reason ?? error.reason ?? 'invalid').replace(/^Field/, '').toLowerCase() || 'invalid'}`,
    source: 'kubernetes' as const,
    path: cause.field ? fieldToPointer(cause.field) : '',
    message: cause.message ?? error.message,
  }));
  const unknown = [...error.message.matchAll(/unknown field "([^"]+)"/g)].map((m) => ({
    severity: 'error' as const,
    code: 'apiserver.unknown-field',
    source: 'kubernetes' as const,
    path: fieldToPointer(m[1] ?? ''),
    message: `The API server does not know the field ${m[1] ?? ''} (strict field validation).`,
    hint: 'Check the spelling against the schema, or remove the field.',
  }));
  const all = [...fromCauses, ...unknown];
  if (all.length > 0) return all;
  return [
    {
      severity: 'error',
      code: `apiserver.${(error.reason || 'rejected').toLowerCase()}`,
      source: 'kubernetes',
      path: '',
      message: error.message,
    },
  ];
}

/**
 * Turns a Kubernetes failure into the API's error envelope with a stable code. Anything else is
 * returned as it is, for the generic 500.
 */
export function toHttpError(error: unknown, what: string): unknown {
  if (error instanceof ClusterUnreachableError) {
    return new HttpError(
      503,
      'cluster_unreachable',
      `${error.message}. Check that the cluster is running and reachable, then try again.`,
    );
  }
  if (!(error instanceof KubeApiError)) return error;
  // A webhook's denial carries whatever code the webhook chose, often 403, yet it judges the object, not the user.
  if (error.status < 500 && /^admission webhook "[^"]+" denied the request/.test(error.message)) {
    return new HttpError(422, 'validation_failed', `The cluster refused ${what}: ${error.message}`, {
      diagnostics: apiServerDiagnostics(error),
    });
  }
  switch (error.status) {
    case 400:
    case 422:
      return new HttpError(422, 'validation_failed', `The API server refused ${what}: ${error.message}`, {
        diagnostics: apiServerDiagnostics(error),
      });
    case 401:
      return new HttpError(
        401,
        'unauthorized',
        'The cluster does not accept your credentials any more. Log in again.',
      );
    case 403:
      return new HttpError(403, 'forbidden', `You may not do this: ${error.message}`);
    case 404:
      return new HttpError(404, 'not_found', `${what} does not exist (${error.message}).`);
    case 409:
      return new HttpError(409, 'conflict', `${what} changed on the server: ${error.message}`);
    case 429:
      return new HttpError(429, 'rate_limited', 'The API server asks to slow down. Try again in a moment.');
    case 500: {
      const webhook = /failed calling webhook "([^"]+)"/.exec(error.message)?.[1];
      if (webhook === undefined) return unexpected(error);
      return new HttpError(
        502,
        'admission_webhook_failed',
        `The cluster could not get an answer from its admission webhook "${webhook}", so it refused ${what}; nothing was saved. Try again, or ask the cluster's administrator to check the webhook (${error.message}).`,
      );
    }
    default:
      return unexpected(error);
  }
}

function unexpected(error: KubeApiError): HttpError {
  return new HttpError(
    502,
    'cluster_unreachable',
    `The API server failed (HTTP ${error.status}): ${error.message}. Try again; if it persists, check the cluster.`,
  );
}
