import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, sendError } from './httpError.js';

export type ErrorLogger = (error: unknown) => void;

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `Nothing is served at ${req.method} ${req.path}.`);
};

/**
 * Turns every error into the API's error envelope. Only messages written for users reach the
 * response; anything unexpected is logged in full and answered with a generic 500.
 */
export function errorHandler(logError: ErrorLogger, jsonLimitBytes: number): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (res.headersSent) {
      // Part of a response is already on the wire; cutting the connection is the only honest signal left.
      logError(error);
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message, error.details);
      return;
    }
    const parserType = bodyParserErrorType(error);
    if (parserType === 'entity.too.large') {
      sendError(
        res,
        413,
        'payload_too_large',
        `The request body is larger than the ${formatBytes(jsonLimitBytes)} limit. Send a smaller document.`,
      );
      return;
    }
    if (parserType === 'entity.parse.failed') {
      sendError(
        res,
        400,
        'bad_request',
        'The request body is not valid JSON. Check its syntax and send it again.',
      );
      return;
    }
    if (parserType === 'charset.unsupported' || parserType === 'encoding.unsupported') {
      sendError(
        res,
        415,
        'unsupported_media_type',
        'Send the request body as UTF-8 without a content encoding.',
      );
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      sendError(res, status, 'bad_request', 'The request is malformed and cannot be processed.');
      return;
    }
    logError(error);
    sendError(res, 500, 'internal', 'Dialtone hit an unexpected error. The server log has the details.');
  };
}

function bodyParserErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
}

// Errors from Express's own parts (static files, URL decoding) carry a 4xx status when the request is at fault.
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
