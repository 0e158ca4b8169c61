export { classifyDocument, type Classification, type DocumentKind } from './classify.js';
export { validate, validateObject, type ObjectValidation, type ValidateOptions } from './validateObject.js';
export {
  crossCheckDocuments,
  resolveTransportReference,
  type CrossCheckEntry,
  type CrossCheckOptions,
} from './crossCheck.js';
export { lintRouteSpec, type RouteContext, type ServiceTypeLookup } from './lintRoute.js';
export { serviceTypesOf } from './serviceTypes.js';
