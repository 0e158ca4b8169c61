export { classifyDocument, type Classification, type DocumentKind } from './classify.js';
export { validate, validateObject, type ObjectValidation, type ValidateOptions } from './validateObject.js';
export {
  crossCheckDocuments,
  resolveTransportReference,
  type CrossCheckEntry,
  type CrossCheckOptions,
} from './crossCheck.js';
export { lintRouteSpec, type RouteContext } from './lintRoute.js';
export { ingressClassFindings, routeSkips } from './routeReferences.js';
export {
  clusterObjectsOf,
  type ClusterKind,
  type ClusterObjects,
  type EndpointSliceInfo,
  type ServiceInfo,
} from './clusterObjects.js';
