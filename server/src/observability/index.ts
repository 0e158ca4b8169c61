export { createLogger, REDACTED_PATHS, scrubText, type Logger, type LoggerOptions } from './logger.js';
export { createMetrics, type Metrics } from './metrics.js';
export { metricsRoute, observeRequests } from './requestObservation.js';
