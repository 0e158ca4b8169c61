export { formatGoDuration, parseGoDuration, type GoDurationResult } from './goDuration.js';
export { INT32_MAX, INT32_MIN, readTraefikDuration, type TraefikDurationReading } from './durations.js';
export {
  effectiveValues,
  TRAEFIK_DURATION_DEFAULTS,
  type DurationField,
  type EffectiveDuration,
  type EffectiveValues,
} from './effectiveValues.js';
export { KUBERNETES_CRD_PROVIDER, normalizeTraefikName, traefikTransportId } from './normalize.js';
export { spiffeIdProblem, trustDomainProblem } from './spiffe.js';
export { lintTransportSpec } from './lintTransport.js';
