export { AccessReviews, ACCESS_REVIEW_TTL_MS } from './accessReviews.js';
export { Backoff, REFLECTOR_BACKOFF, type BackoffOptions } from './backoff.js';
export { ClusterConnection, ROUTE_KIND, TRANSPORT_KIND } from './clusterConnection.js';
export { describeCluster } from './clusterInfo.js';
export { optionalFields, readSchema, type SchemaReading } from './clusterSchema.js';
export {
  KubeClient,
  READ_TIMEOUT_MS,
  WRITE_TIMEOUT_MS,
  type AccessAttributes,
  type EndpointSliceSummary,
  type ServiceSummary,
  type KubeList,
  type KubeObject,
  type ResourceKind,
  type Timeouts,
  type WriteResult,
} from './kubeClient.js';
export { ClusterUnreachableError, KubeApiError, type StatusCause } from './kubeErrors.js';
export {
  ClusterConfigError,
  DEMO_CLUSTER_NAME,
  IN_CLUSTER_NAME,
  loadClusters,
  type ClusterSourceChoice,
  type LoadedClusters,
} from './loadClusters.js';
export { ResourceCache, type CacheEvent, type CacheEventType, type CacheState } from './resourceCache.js';
export { apiServerDiagnostics, fieldToPointer, toHttpError } from './httpErrors.js';
export {
  booleanQuery,
  nameParam,
  namespaceParam,
  optionalNameQuery,
  optionalNamespaceQuery,
} from './params.js';
export { checkToken, type TokenCheckResult } from './tokenCheck.js';
