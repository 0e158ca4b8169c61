import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The process's Prometheus metrics; one registry per app so tests do not share counters. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** 1 while the list+watch of a resource on a cluster is connected, 0 while it reconnects. */
  watchConnected: Gauge<'cluster' | 'resource'>;
  watchRestarts: Counter<'cluster' | 'resource' | 'reason'>;
  cacheObjects: Gauge<'cluster' | 'resource'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'dialtone_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'dialtone_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern (never the raw path, which holds names).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    watchConnected: new Gauge({
      name: 'dialtone_watch_connected',
      help: 'Whether the list+watch feeding the cache is connected (1) or reconnecting (0).',
      labelNames: ['cluster', 'resource'],
      registers: [registry],
    }),
    watchRestarts: new Counter({
      name: 'dialtone_watch_restarts_total',
      help: 'Watch restarts by reason (expired: 410 and relist; error: connection lost).',
      labelNames: ['cluster', 'resource', 'reason'],
      registers: [registry],
    }),
    cacheObjects: new Gauge({
      name: 'dialtone_cache_objects',
      help: 'Objects held in the watch cache.',
      labelNames: ['cluster', 'resource'],
      registers: [registry],
    }),
  };
}
