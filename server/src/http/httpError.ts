import type { Response } from 'express';
import type { ApiErrorCode, ErrorEnvelope } from '@dialtone/shared';

/** Thrown by route handlers to answer with a specific status and error code instead of a 500. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function sendError(
  res: Response,
  status: number,
  code: ApiErrorCode,
  message: string,
  details?: unknown,
): void {
  const body: ErrorEnvelope = {
    error: details === undefined ? { code, message } : { code, message, details },
  };
  res.status(status).json(body);
}
