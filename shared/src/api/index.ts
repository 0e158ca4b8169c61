export type { ApiError, ApiErrorCode, ErrorEnvelope } from './errors.js';
export { isErrorEnvelope } from './errors.js';
export type { HealthResponse } from './health.js';
