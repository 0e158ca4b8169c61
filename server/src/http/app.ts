import { fileURLToPath } from 'node:url';
import express, { type Express, type Router } from 'express';
import { clientAssets, isApiPath } from './clientAssets.js';
import { errorHandler, notFound, type ErrorLogger } from './errorHandler.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import { securityHeaders } from './securityHeaders.js';
import { metricsRoute, observeRequests, type Logger, type Metrics } from '../observability/index.js';

export interface AppOptions {
  /** Reported by GET /healthz. */
  version: string;
  /** The Vite build of the client; defaults to client/dist in this repository. */
  clientDir?: string;
  /** Largest JSON request body accepted, in bytes. */
  jsonLimitBytes?: number;
  /** Routes mounted below /api/v1. */
  api?: Router;
  readiness?: ReadinessCheck;
  /** Receives unexpected errors in full; the client only ever sees a generic message. */
  logError?: ErrorLogger;
  /** Request logging and Prometheus metrics (`GET /metrics`). */
  observability?: { logger: Logger; metrics: Metrics };
}

// A ServersTransportTCP is a few kilobytes; even a large multi-document import stays far below this, and
// refusing early keeps a hostile body from costing parse time and memory.
export const DEFAULT_JSON_LIMIT_BYTES = 512 * 1024;

// The same relative path holds from src/http and from dist/http.
const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../../client/dist', import.meta.url));

export function createApp(options: AppOptions): Express {
  const jsonLimitBytes = options.jsonLimitBytes ?? DEFAULT_JSON_LIMIT_BYTES;
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const app = express();
  app.disable('x-powered-by');

  if (options.observability) {
    app.use(observeRequests(options.observability.logger, options.observability.metrics));
    app.get('/metrics', metricsRoute(options.observability.metrics));
  }
  app.use(securityHeaders);
  app.use(healthRoutes(options.version, options.readiness ?? (() => ({ status: 'ready' }))));

  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', express.json({ limit: jsonLimitBytes }));
  if (options.api) app.use('/api/v1', options.api);
  app.use((req, res, next) => (isApiPath(req.path) ? notFound(req, res, next) : next()));

  app.use(clientAssets(options.clientDir ?? DEFAULT_CLIENT_DIR));
  app.use(notFound);
  app.use(errorHandler(logError, jsonLimitBytes));
  return app;
}
