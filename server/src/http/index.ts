export { createApp, createMetricsApp, DEFAULT_JSON_LIMIT_BYTES, type AppOptions } from './app.js';
export { LOOPBACK_NAMES, type HostPolicy } from './hostCheck.js';
export { HttpError, sendError } from './httpError.js';
export { listen, serverUrl, stopServer } from './listen.js';
export type { ReadinessCheck } from './health.js';
