export { createLogger, REDACTED_PATHS, scrubText, type Logger, type LoggerOptions } from './logger.js';
export { createMetrics, type CacheSample, type Metrics } from './metrics.js';
export { metricsRoute, observeRequests } from './requestObservation.js';
