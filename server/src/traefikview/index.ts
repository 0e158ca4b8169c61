export {
  parseTraefikApi,
  instancesByCluster,
  TraefikConfigError,
  type TraefikApiConfig,
} from './instances.js';
export { TraefikViews, type TraefikViewsOptions } from './traefikViews.js';
export { traefikRoutes, type TraefikRouteDeps } from './routes.js';
export {
  readInstance,
  readInstanceWithin,
  DEFAULT_READ,
  type InstanceData,
  type ReadOptions,
} from './reader.js';
export { routeEntryNames, qualify, OriginIndex } from './names.js';
export { transportSummaries, transportView, type Prediction } from './view.js';
export { lintObjectViews, type LintObject, type LintObjectView } from './lintView.js';
