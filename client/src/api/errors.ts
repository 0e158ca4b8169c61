import { isErrorEnvelope, type ApiErrorCode } from '@dialtone/shared';

/** A failed API call, carrying the server's stable code so the UI can react to `conflict` and friends. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | 'network';
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode | 'network', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Turns any non-2xx answer into an ApiRequestError, whether or not the body is the error envelope. */
export async function errorFromResponse(response: Response): Promise<ApiRequestError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isErrorEnvelope(body)) {
    return new ApiRequestError(response.status, body.error.code, body.error.message, body.error.details);
  }
  return new ApiRequestError(
    response.status,
    response.status === 404 ? 'not_found' : 'internal',
    `The server answered ${String(response.status)} ${response.statusText}.`,
  );
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiRequestError {
  return error instanceof ApiRequestError && (code === undefined || error.code === code);
}
