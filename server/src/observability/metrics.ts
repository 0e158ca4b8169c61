import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What a watch cache reports at scrape time. */
export interface CacheSample {
  cluster: string;
  resource: string;
  size: number;
  /** The list+watch is connected and in sync. */
  synced: boolean;
  /** Full lists so far; a relist after 410 Gone adds one. */
  lists: number;
}

/** The process's Prometheus metrics; one registry per app so tests do not share counters. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Gives the caches to report at each scrape. */
  observeCaches(source: () => readonly CacheSample[]): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'dialtone_' });
  let caches: () => readonly CacheSample[] = () => [];
  const perCache = (name: string, help: string, value: (s: CacheSample) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['cluster', 'resource'],
      registers: [registry],
      collect() {
        this.reset();
        for (const sample of caches())
          this.set({ cluster: sample.cluster, resource: sample.resource }, value(sample));
      },
    });
  perCache('dialtone_cache_objects', 'Objects held in the watch cache.', (s) => s.size);
  perCache(
    'dialtone_watch_synced',
    'Whether the list+watch feeding the cache is in sync (1) or reconnecting (0).',
    (s) => (s.synced ? 1 : 0),
  );
  perCache(
    'dialtone_watch_lists',
    'Full lists fetched by the watch cache; relists after 410 Gone add to it.',
    (s) => s.lists,
  );
  return {
    registry,
    httpDuration: new Histogram({
      name: 'dialtone_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern (never the raw path, which holds names).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    observeCaches(source) {
      caches = source;
    },
  };
}
