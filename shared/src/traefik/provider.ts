import { KUBERNETES_CRD_PROVIDER } from './normalize.js';

/**
 * The options of Traefik's kubernetescrd provider that decide which route services it builds, with
 * Traefik's names and defaults. Dialtone cannot read them from Traefik, so the operator mirrors them.
 */
export interface ProviderSettings {
  /** Services in another namespace than the route, and `ns-name@kubernetescrd` transport references. */
  allowCrossNamespace: boolean;
  /** Services of type ExternalName. */
  allowExternalNameServices: boolean;
  /**
   * Namespaces whose routes may reference `name@provider` objects (transports, middlewares, TLS
   * options). Absent is Go's nil: unrestricted; an empty list allows none (since v3.7.1).
   */
  crossProviderNamespaces?: readonly string[];
  /** Build services that have no ready endpoints instead of dropping them. */
  allowEmptyServices?: boolean;
  /** Dial a Service's cluster IP instead of its endpoints unless a route says `nativeLB: false`. */
  nativeLBByDefault?: boolean;
  /** The ingress class this Traefik watches; empty means routes without one or with class `traefik`. */
  ingressClass?: string;
  /** Nodes are not listed, so `nodePortLB` services cannot be built. */
  disableClusterScopeResources?: boolean;
}

/** Traefik's names of the kubernetescrd options that change what lint reports. */
export const PROVIDER_OPTION_NAMES = [
  'allowCrossNamespace',
  'allowExternalNameServices',
  'crossProviderNamespaces',
  'allowEmptyServices',
  'nativeLBByDefault',
  'ingressClass',
  'disableClusterScopeResources',
] as const satisfies readonly (keyof ProviderSettings)[];

export const DEFAULT_PROVIDER_SETTINGS: Readonly<ProviderSettings> = Object.freeze({
  allowCrossNamespace: false,
  allowExternalNameServices: false,
});

/** Traefik's defaults with the given settings on top. */
export function providerSettings(given: Partial<ProviderSettings> = {}): ProviderSettings {
  const settings: ProviderSettings = {
    allowCrossNamespace: given.allowCrossNamespace ?? DEFAULT_PROVIDER_SETTINGS.allowCrossNamespace,
    allowExternalNameServices:
      given.allowExternalNameServices ?? DEFAULT_PROVIDER_SETTINGS.allowExternalNameServices,
  };
  // The others default to Go's zero value, which is how Traefik reads an option that is not set.
  if (given.crossProviderNamespaces !== undefined)
    settings.crossProviderNamespaces = [...given.crossProviderNamespaces];
  if (given.allowEmptyServices !== undefined) settings.allowEmptyServices = given.allowEmptyServices;
  if (given.nativeLBByDefault !== undefined) settings.nativeLBByDefault = given.nativeLBByDefault;
  if (given.ingressClass !== undefined) settings.ingressClass = given.ingressClass;
  if (given.disableClusterScopeResources !== undefined)
    settings.disableClusterScopeResources = given.disableClusterScopeResources;
  return settings;
}

/** Traefik's isCrossProviderNamespaceAllowed: nil allows every namespace, a list only its own. */
export function isCrossProviderNamespaceAllowed(settings: ProviderSettings, namespace: string): boolean {
  return (
    settings.crossProviderNamespaces === undefined || settings.crossProviderNamespaces.includes(namespace)
  );
}

/** Why the provider does not build one `services[]` entry of a route, in Traefik's own words. */
export interface ServiceRefusal {
  code:
    | 'traefik.cross-namespace-service'
    | 'traefik.cross-namespace-transport'
    | 'traefik.cross-provider-transport'
    | 'traefik.external-name-service';
  /** The field of the `services[]` entry the refusal is about. */
  field: 'namespace' | 'serversTransport' | 'name';
  /** The error Traefik logs with "Cannot create service". */
  traefikError: string;
  /** The provider option that would let it through. */
  setting: 'allowCrossNamespace' | 'allowExternalNameServices' | 'crossProviderNamespaces';
}

export interface RouteServiceRef {
  name?: unknown;
  namespace?: unknown;
  serversTransport?: unknown;
}

/**
 * The refusals that need nothing but the route, in the order Traefik's createLoadBalancerServerTCP
 * meets them: the Service's namespace first, the transport reference last.
 */
export function refusalsOf(
  routeNamespace: string,
  service: RouteServiceRef,
  settings: ProviderSettings,
): ServiceRefusal[] {
  const out: ServiceRefusal[] = [];
  const name = typeof service.name === 'string' ? service.name : '';
  const namespace =
    typeof service.namespace === 'string' && service.namespace !== '' ? service.namespace : routeNamespace;
  if (!settings.allowCrossNamespace && namespace !== routeNamespace) {
    out.push({
      code: 'traefik.cross-namespace-service',
      field: 'namespace',
      traefikError: `tcp service ${namespace}/${name} is not in the parent resource namespace ${routeNamespace}`,
      setting: 'allowCrossNamespace',
    });
  }
  const reference = typeof service.serversTransport === 'string' ? service.serversTransport : '';
  if (
    !settings.allowCrossNamespace &&
    reference.includes('@') &&
    reference.endsWith(`@${KUBERNETES_CRD_PROVIDER}`)
  ) {
    out.push({
      code: 'traefik.cross-namespace-transport',
      field: 'serversTransport',
      traefikError: `invalid reference to serversTransport ${reference}: namespace-name@kubernetescrd format is not allowed when crossnamespace is disallowed`,
      setting: 'allowCrossNamespace',
    });
  } else if (reference.includes('@') && !isCrossProviderNamespaceAllowed(settings, routeNamespace)) {
    out.push({
      code: 'traefik.cross-provider-transport',
      field: 'serversTransport',
      traefikError: `serversTransport "${reference}" reference is not allowed: namespace "${routeNamespace}" is not in crossProviderNamespaces`,
      setting: 'crossProviderNamespaces',
    });
  }
  return out;
}

/** Traefik refuses an ExternalName Service unless allowExternalNameServices is on. */
export function externalNameRefusal(
  namespace: string,
  name: string,
  settings: ProviderSettings,
): ServiceRefusal | undefined {
  if (settings.allowExternalNameServices) return undefined;
  return {
    code: 'traefik.external-name-service',
    field: 'name',
    traefikError: `externalName services not allowed: ${namespace}/${name}`,
    setting: 'allowExternalNameServices',
  };
}

/**
 * What a refused service does to its route. Traefik skips it; a route with one service then points
 * at a service that was never built, and so does a route whose every service was refused, so the
 * router is disabled. Otherwise the remaining services are still served.
 */
export function refusalEffect(serviceCount: number, refusedCount: number): string {
  if (serviceCount <= 1) return "It is the route's only service, so Traefik disables the router.";
  if (refusedCount >= serviceCount)
    return 'Every service of this route is refused, so Traefik disables the router.';
  const served = serviceCount - refusedCount;
  return `Traefik skips this service and still serves the route's other ${served === 1 ? 'service' : `${served} services`}.`;
}
