import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** The route pattern Express matched (`/clusters/:cluster/transports`), or a fixed word when none did. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  if (req.path.startsWith('/api/')) return 'api-unmatched';
  return req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics' ? req.path : 'static';
}

/**
 * One log line and one histogram sample per request. Only the method, route pattern, status and
 * duration are recorded: no headers, query strings, bodies or raw paths, so names, tokens and
 * Secret data cannot reach the logs or metric labels this way.
 */
export function observeRequests(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const line = { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else if (route !== '/healthz' && route !== '/readyz' && route !== '/metrics')
        logger.info(line, 'request');
    });
    next();
  };
}

export function metricsRoute(metrics: Metrics) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.set('Content-Type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    } catch (error) {
      next(error);
    }
  };
}
