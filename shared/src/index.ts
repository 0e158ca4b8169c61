export * from './diagnostics/index.js';
export * from './api/index.js';
