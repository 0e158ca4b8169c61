import type { Diagnostic } from '../diagnostics/index.js';
import type { IngressRouteTCPSpec, ServiceTCP } from '../model/index.js';
import {
  externalNameRefusal,
  KUBERNETES_CRD_PROVIDER,
  normalizeTraefikName,
  refusalEffect,
  refusalsOf,
  type ProviderSettings,
  type ServiceRefusal,
} from '../traefik/index.js';

/** The type of a Kubernetes Service (`ExternalName`, `ClusterIP`...), or undefined when unknown. */
export type ServiceTypeLookup = (namespace: string, name: string) => string | undefined;

export interface RouteContext {
  /** The IngressRouteTCP's namespace. */
  namespace: string;
  provider: ProviderSettings;
  /** Services known beside the route (other documents of the input, or the cluster's). */
  serviceType?: ServiceTypeLookup;
}

const REFUSAL_HINT: Readonly<Record<ServiceRefusal['code'], (namespace: string) => string>> = {
  'traefik.cross-namespace-service': (namespace) =>
    `Put the Service in namespace ${namespace} and drop services[].namespace, or turn on allowCrossNamespace in Traefik's kubernetescrd provider (and in Dialtone with --allow-cross-namespace).`,
  'traefik.cross-namespace-transport': (namespace) =>
    `Reference a transport of namespace ${namespace} by its name, or turn on allowCrossNamespace in Traefik's kubernetescrd provider (and in Dialtone with --allow-cross-namespace).`,
  'traefik.external-name-service': () =>
    "Point the route at a Service with endpoints, or turn on allowExternalNameServices in Traefik's kubernetescrd provider (and in Dialtone with --allow-external-name-services).",
};

function refusalsOfService(service: ServiceTCP, context: RouteContext): ServiceRefusal[] {
  const refusals = refusalsOf(context.namespace, service, context.provider);
  const name = typeof service.name === 'string' ? service.name : '';
  const namespace =
    typeof service.namespace === 'string' && service.namespace !== '' ? service.namespace : context.namespace;
  if (name !== '' && context.serviceType?.(namespace, name) === 'ExternalName') {
    const refusal = externalNameRefusal(namespace, name, context.provider);
    if (refusal) refusals.push(refusal);
  }
  return refusals;
}

/** Services Traefik's provider refuses to build, each with what that does to its route. */
function gatingFindings(services: readonly ServiceTCP[], route: number, context: RouteContext): Diagnostic[] {
  const refused = services.map((service) =>
    service && typeof service === 'object' ? refusalsOfService(service, context) : [],
  );
  const refusedCount = refused.filter((r) => r.length > 0).length;
  const effect = refusalEffect(services.length, refusedCount);
  return refused.flatMap((refusals, s) =>
    refusals.map((refusal) => ({
      severity: 'error' as const,
      code: refusal.code,
      source: 'traefik' as const,
      path: `/spec/routes/${route}/services/${s}/${refusal.field}`,
      message: `Traefik does not create this service ("${refusal.traefikError}"), because ${refusal.setting} is off in its kubernetescrd provider (the default). ${effect}`,
      hint: REFUSAL_HINT[refusal.code](context.namespace),
    })),
  );
}

/** Per-route checks of an IngressRouteTCP: the provider's gating and the deprecated service fields. */
export function lintRouteSpec(spec: IngressRouteTCPSpec, context: RouteContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const routes = Array.isArray(spec.routes) ? spec.routes : [];
  routes.forEach((route, r) => {
    const services = route && Array.isArray(route.services) ? route.services : [];
    out.push(...gatingFindings(services, r, context));
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
