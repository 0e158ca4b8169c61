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
export { spiffeIdProblem, trustDomainName, trustDomainProblem } from './spiffe.js';
export { lintTransportSpec } from './lintTransport.js';
export {
  DEFAULT_PROVIDER_SETTINGS,
  externalNameRefusal,
  isCrossProviderNamespaceAllowed,
  PROVIDER_OPTION_NAMES,
  providerSettings,
  refusalEffect,
  refusalsOf,
  type ProviderSettings,
  type RouteServiceRef,
  type ServiceRefusal,
} from './provider.js';
export { providerDropOf, type ProviderDrop } from './providerDrops.js';
