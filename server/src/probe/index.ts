export { probeRoutes, type ProbeRouteOptions } from './routes.js';
export { probe, type ProbeAccess, type ProbeOptions } from './probe.js';
export {
  DEFAULT_DEADLINE_MS,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_SETTLE_MS,
  runProbe,
  type EngineOptions,
  type PlannedTarget,
  type ProbeTransportInput,
} from './engine.js';
export { DENIED_PORTS, METADATA_ADDRESSES, TargetPolicy, type TargetPolicyOptions } from './targetPolicy.js';
export { DEFAULT_PROBE_LIMITS, ProbeLimiter, type ProbeLimitOptions } from './limits.js';
export {
  loadTlsMaterial,
  type LoadedMaterial,
  type MaterialLookup,
  type MaterialSource,
} from './material.js';
export {
  kubeClientServiceSource,
  kubeMaterialSource,
  readTransportSpec,
  type ProbeKubeClient,
  type ProbeServiceClient,
} from './kubeAccess.js';
export { formatProbeText } from './formatText.js';
export {
  planTargets,
  ProbeRequestError,
  type EndpointSliceInfo,
  type Lookup,
  type ServiceInfo,
  type ServiceSource,
  type TargetSources,
  type TransportBackend,
} from './targets.js';
export { parseProbeRequest } from './requestBody.js';
export { systemResolver, type ResolvedAddress, type Resolver } from './dialer.js';
export { parseAddress, InvalidTargetError } from './targetAddress.js';
