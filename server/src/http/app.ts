import { fileURLToPath } from 'node:url';
import express, { type Express, type Router } from 'express';
import { clientAssets, isApiPath } from './clientAssets.js';
import { errorHandler, notFound, type ErrorLogger } from './errorHandler.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import { hostCheck, type HostPolicy } from './hostCheck.js';
import { sendError } from './httpError.js';
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
  /**
   * Request logging and Prometheus metrics. `GET /metrics` is served here unless `metricsElsewhere`
   * says it has a listener of its own (`--metrics-port`) or must not be public (token and proxy mode).
   */
  observability?: { logger: Logger; metrics: Metrics; metricsElsewhere?: string };
  /** The Host names this app answers to; every name when absent. */
  hosts?: HostPolicy;
}

// Kubelet probes name the pod's address, and health says nothing a rebinding page could use.
const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

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
  }
  if (options.hosts) {
    const check = hostCheck(options.hosts);
    app.use((req, res, next) => (HEALTH_PATHS.has(req.path) ? next() : check(req, res, next)));
  }
  if (options.observability) {
    const elsewhere = options.observability.metricsElsewhere;
    app.get(
      '/metrics',
      elsewhere === undefined
        ? metricsRoute(options.observability.metrics)
        : (_req, res) => sendError(res, 404, 'not_found', elsewhere),
    );
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

/** `GET /metrics` alone, for `--metrics-port`: scraped by Prometheus, never opened by a browser. */
export function createMetricsApp(metrics: Metrics): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsRoute(metrics));
  app.use((_req, res) => sendError(res, 404, 'not_found', 'This port serves GET /metrics only.'));
  return app;
}
