/** A Kubernetes `Status` cause: which field the API server objected to and why. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** The API server answered with an error status (4xx/5xx) and, usually, a `Status` body. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';

  constructor(
    readonly status: number,
    /** `Status.reason`, e.g. `Conflict`, `NotFound`, `Forbidden`, `Invalid`, `Expired`. */
    readonly reason: string,
    message: string,
    readonly causes: StatusCause[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The API server could not be reached, or did not answer in time: whether a write happened is unknown. */
export class ClusterUnreachableError extends Error {
  override readonly name = 'ClusterUnreachableError';

  constructor(
    message: string,
    /** True when the request may have reached the server (a timeout after sending), false when it surely did not. */
    readonly maybeDelivered: boolean,
  ) {
    super(message);
  }
}

interface StatusBody {
  kind?: unknown;
  reason?: unknown;
  message?: unknown;
  details?: { causes?: unknown };
}

function parseStatus(body: unknown): StatusBody | undefined {
  if (typeof body === 'object' && body !== null) return body as StatusBody;
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as StatusBody) : undefined;
  } catch {
    return undefined;
  }
}

function causesOf(status: StatusBody | undefined): StatusCause[] {
  const causes = status?.details?.causes;
  if (!Array.isArray(causes)) return [];
  return causes
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
    .map((c) => ({
      ...(typeof c['reason'] === 'string' ? { reason: c['reason'] } : {}),
      ...(typeof c['message'] === 'string' ? { message: c['message'] } : {}),
      ...(typeof c['field'] === 'string' ? { field: c['field'] } : {}),
    }));
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown; errno?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : errorCode(cause);
}

/**
 * Turns whatever @kubernetes/client-node threw into one of our two error kinds; anything else is a bug
 * and is returned unchanged.
 */
export function toKubeError(error: unknown, server: string): unknown {
  if (error instanceof KubeApiError || error instanceof ClusterUnreachableError) return error;
  if (typeof error !== 'object' || error === null) return error;
  const candidate = error as { code?: unknown; body?: unknown; headers?: unknown; name?: unknown };
  if (typeof candidate.code === 'number' && candidate.code >= 400) {
    const status = parseStatus(candidate.body);
    const headers =
      typeof candidate.headers === 'object' && candidate.headers !== null
        ? (candidate.headers as Record<string, string>)
        : {};
    return new KubeApiError(
      candidate.code,
      typeof status?.reason === 'string' ? status.reason : '',
      typeof status?.message === 'string' && status.message !== ''
        ? status.message
        : `the API server answered HTTP ${candidate.code}`,
      causesOf(status),
      headers,
    );
  }
  // client-node's Watch reports a refused watch as a plain Error with the HTTP status.
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400) {
    const reason = statusCode === 410 ? 'Expired' : statusCode === 403 ? 'Forbidden' : '';
    return new KubeApiError(
      statusCode,
      reason,
      `the API server refused the watch with HTTP ${statusCode}${error instanceof Error && error.message ? ` (${error.message})` : ''}`,
    );
  }
  if (candidate.name === 'AbortError' || candidate.name === 'TimeoutError') {
    return new ClusterUnreachableError(`the API server at ${server} did not answer in time`, true);
  }
  const code = errorCode(error);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    const delivered = code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN';
    return new ClusterUnreachableError(`cannot reach the API server at ${server} (${code})`, delivered);
  }
  if (
    (error as { type?: unknown }).type === 'system' ||
    (error as { type?: unknown }).type === 'request-timeout'
  ) {
    return new ClusterUnreachableError(`cannot reach the API server at ${server}`, true);
  }
  return error;
}
