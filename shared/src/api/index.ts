export type { ApiError, ApiErrorCode, ErrorEnvelope } from './errors.js';
export { isErrorEnvelope } from './errors.js';
export type { HealthResponse, ReadyResponse } from './health.js';
export type { AuthMode, LoginRequest, SessionResponse } from './session.js';
export type { ClusterInfo, ClusterSource, ClustersResponse, NamespacesResponse } from './clusters.js';
export type {
  CertificateSummary,
  ConflictDetails,
  DanglingReference,
  ReferenceState,
  TransportBadge,
  TransportDetail,
  TransportEvent,
  TransportListResponse,
  TransportPermissions,
  TransportSummary,
  TransportUsage,
  TransportWriteResponse,
  UsageResponse,
} from './transports.js';
export type {
  ConfigObjectSummary,
  ConfigObjectsResponse,
  DocumentResult,
  DocumentsResponse,
} from './documents.js';
export type {
  ProbeCertificate,
  ProbeOutcome,
  ProbeRequest,
  ProbeResponse,
  ProbeStage,
  ProbeStageName,
  ProbeTarget,
  ProbeTargetResult,
  ProbeTransport,
  ProbeVerdict,
} from './probe.js';
export type { SchemaResponse } from './schema.js';
export type {
  LintTraefikInstance,
  LintTraefikObject,
  TraefikDisagreement,
  TraefikInstance,
  TraefikOrigin,
  TraefikOverviewResponse,
  TraefikReading,
  TraefikRouterState,
  TraefikSection,
  TraefikServiceState,
  TraefikStatus,
  TraefikVerdict,
  TransportTraefikResponse,
  TransportTraefikSummary,
  TransportTraefikView,
} from './traefik.js';
export { API_PREFIX, apiPaths } from './paths.js';
