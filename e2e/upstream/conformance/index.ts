export { defineConformanceSuite } from './cases.js';
export type { ConformanceTarget } from './target.js';
