export * from './diagnostics/index.js';
export * from './api/index.js';
export * from './regex/index.js';
export * from './schema/index.js';
export * from './model/index.js';
export * from './traefik/index.js';
export * from './validation/index.js';
