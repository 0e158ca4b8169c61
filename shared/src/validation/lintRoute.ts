import type { Diagnostic } from '../diagnostics/index.js';
import type { IngressRouteTCPSpec, ServiceTCP } from '../model/index.js';
import {
  KUBERNETES_CRD_PROVIDER,
  normalizeTraefikName,
  refusalEffect,
  refusalsOf,
  type ProviderSettings,
  type ServiceRefusal,
} from '../traefik/index.js';
import type { ClusterObjects } from './clusterObjects.js';
import { ingressClassFindings, routeSkips, tlsOptionRefusal } from './routeReferences.js';
import { serverRefusal, type ServerRefusal } from './serviceServers.js';

export interface RouteContext {
  /** The IngressRouteTCP's namespace. */
  namespace: string;
  provider: ProviderSettings;
  /** Services, EndpointSlices and Nodes known beside the route (other documents of the input). */
  cluster?: ClusterObjects;
  /** The whole IngressRouteTCP, for its annotations. */
  object?: Record<string, unknown>;
}

const CROSS_NAMESPACE_FIX =
  "turn on allowCrossNamespace in Traefik's kubernetescrd provider (and in Dialtone with --allow-cross-namespace)";

const REFUSAL_HINT: Readonly<Record<ServiceRefusal['code'], (namespace: string) => string>> = {
  'traefik.cross-namespace-service': (namespace) =>
    `Put the Service in namespace ${namespace} and drop services[].namespace, or ${CROSS_NAMESPACE_FIX}.`,
  'traefik.cross-namespace-transport': (namespace) =>
    `Reference a transport of namespace ${namespace} by its name, or ${CROSS_NAMESPACE_FIX}.`,
  'traefik.cross-provider-transport': (namespace) =>
    `Add ${namespace} to crossProviderNamespaces in Traefik's kubernetescrd provider (and in Dialtone), or reference a ServersTransportTCP of namespace ${namespace} by its name.`,
  'traefik.external-name-service': () =>
    "Point the route at a Service with endpoints, or turn on allowExternalNameServices in Traefik's kubernetescrd provider (and in Dialtone with --allow-external-name-services).",
};

const SETTING_STATE: Readonly<Record<ServiceRefusal['setting'], string>> = {
  allowCrossNamespace: 'allowCrossNamespace is off in its kubernetescrd provider (the default)',
  allowExternalNameServices: 'allowExternalNameServices is off in its kubernetescrd provider (the default)',
  crossProviderNamespaces: "crossProviderNamespaces does not list the route's namespace",
};

function asServerRefusal(refusal: ServiceRefusal, namespace: string): ServerRefusal {
  return {
    code: refusal.code,
    field: refusal.field,
    traefikError: refusal.traefikError,
    because: SETTING_STATE[refusal.setting],
    hint: REFUSAL_HINT[refusal.code](namespace),
  };
}

/** Every reason the provider has not to build one `services[]` entry, in the order it meets them. */
function refusalsOfService(service: ServiceTCP, context: RouteContext): ServerRefusal[] {
  const [first, ...rest] = refusalsOf(context.namespace, service, context.provider).map((r) =>
    asServerRefusal(r, context.namespace),
  );
  const out = first?.field === 'namespace' ? [first] : [];
  const namespace =
    typeof service.namespace === 'string' && service.namespace !== '' ? service.namespace : context.namespace;
  const servers = context.cluster
    ? serverRefusal(namespace, service, context.cluster, context.provider)
    : undefined;
  if (servers) out.push(servers);
  if (first && first.field !== 'namespace') out.push(first);
  out.push(...rest);
  return out;
}

/** Services Traefik's provider refuses to build, each with what that does to its route. */
function gatingFindings(services: readonly ServiceTCP[], route: number, context: RouteContext): Diagnostic[] {
  const refused = services.map((service) =>
    service && typeof service === 'object' ? refusalsOfService(service, context) : [],
  );
  const refusedCount = refused.filter((r) => r.length > 0).length;
  const effect = refusalEffect(services.length, refusedCount);
  // With other services left, Traefik skips this one and its router stays enabled and serving: a
  // warning, as the Traefik judge sees it. With none left, the router is in error.
  const othersServed = refusedCount < services.length;
  return refused.flatMap((refusals, s) =>
    refusals.map((refusal) => ({
      severity: refusal.severity ?? (othersServed ? ('warning' as const) : ('error' as const)),
      code: refusal.code,
      source: 'traefik' as const,
      path: `/spec/routes/${route}/services/${s}/${refusal.field}`,
      message: `Traefik does not create this service ("${refusal.traefikError}"), because ${refusal.because}. ${effect}`,
      hint: refusal.hint,
    })),
  );
}

/**
 * Per-route checks of an IngressRouteTCP: the provider's ingress class, the references it refuses
 * (skipping the route, its router or a service) and the deprecated service fields.
 */
export function lintRouteSpec(spec: IngressRouteTCPSpec, context: RouteContext): Diagnostic[] {
  const out: Diagnostic[] = [
    ...(context.object ? ingressClassFindings(context.object, spec, context.provider) : []),
    ...tlsOptionRefusal(spec, context.namespace, context.provider),
  ];
  const skipped = routeSkips(spec, context.namespace, context.provider);
  const routes = Array.isArray(spec.routes) ? spec.routes : [];
  routes.forEach((route, r) => {
    const services = route && Array.isArray(route.services) ? route.services : [];
    const skip = skipped.get(r);
    // A skipped route never reaches its services, so what they would do is moot.
    if (skip) out.push(...skip);
    else out.push(...gatingFindings(services, r, context));
    services.forEach((service, s) => {
      if (!service || typeof service !== 'object') return;
      const base = `/spec/routes/${r}/services/${s}`;
      const reference = service.serversTransport;
      const suffix = `@${KUBERNETES_CRD_PROVIDER}`;
      if (
        context.provider.allowCrossNamespace &&
        typeof reference === 'string' &&
        reference.endsWith(suffix)
      ) {
        const id = reference.slice(0, -suffix.length);
        if (normalizeTraefikName(id) !== id) {
          out.push({
            severity: 'error',
            code: 'traefik.transport-id-not-normalized',
            source: 'traefik',
            path: `${base}/serversTransport`,
            message: `Traefik uses "${reference}" verbatim, but transport IDs are normalized ("${normalizeTraefikName(id)}"), so it never matches.`,
            hint: `Write "${normalizeTraefikName(id)}${suffix}".`,
          });
        }
      }
      if (service.terminationDelay !== undefined) {
        out.push({
          severity: 'warning',
          code: 'traefik.deprecated-service-termination-delay',
          source: 'traefik',
          path: `${base}/terminationDelay`,
          message: reference
            ? 'terminationDelay on a service is deprecated and ignored here, because the service names a serversTransport whose terminationDelay applies.'
            : 'terminationDelay on a service is deprecated, and Traefik reads the integer as nanoseconds, although the documentation says milliseconds.',
          hint: 'Set terminationDelay on a ServersTransportTCP and reference it with serversTransport.',
        });
      }
      if (service.proxyProtocol !== undefined) {
        out.push({
          severity: 'warning',
          code: 'traefik.deprecated-service-proxy-protocol',
          source: 'traefik',
          path: `${base}/proxyProtocol`,
          message: reference
            ? "proxyProtocol on a service is deprecated and ignored here: the serversTransport's proxyProtocol applies."
            : 'proxyProtocol on a service is deprecated.',
          hint: 'Set proxyProtocol on a ServersTransportTCP and reference it with serversTransport.',
        });
      }
    });
  });
  return out;
}
