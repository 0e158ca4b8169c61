import {
  ingressClassFindings,
  providerSettings,
  refusalsOf,
  resolveTransportReference,
  routeSkips,
  traefikTransportId,
  type IngressRouteTCP,
  type ProviderSettings,
  type TransportUsage,
} from '@dialtone/shared';

/** Traefik's kubernetescrd options as mirrored; Traefik's defaults for those not given. */
export type UsageOptions = Partial<ProviderSettings>;

/** Traefik ignores the whole IngressRouteTCP when its class is not the one this Traefik watches. */
function ignoredByClass(route: IngressRouteTCP, settings: ProviderSettings): boolean {
  const object = route as unknown as Record<string, unknown>;
  return ingressClassFindings(object, route.spec ?? {}, settings).some(
    (d) => d.code === 'traefik.ingress-class-ignored',
  );
}

/**
 * Every place an IngressRouteTCP uses a transport, keyed by the Traefik ID it resolves to, exactly as
 * Traefik's makeTCPServersTransportKey resolves it: relative names in the route's own namespace,
 * an empty reference meaning `default@internal`. What the provider never builds uses no transport:
 * routes of another ingress class, routes it skips (empty match, refused middlewares) and services
 * it refuses (another namespace or `@kubernetescrd` without allowCrossNamespace, `name@provider`
 * from a namespace crossProviderNamespaces leaves out).
 */
export function usagesById(
  routes: readonly IngressRouteTCP[],
  options: UsageOptions,
): Map<string, TransportUsage[]> {
  const settings = providerSettings(options);
  const byId = new Map<string, TransportUsage[]>();
  for (const route of routes) {
    if (ignoredByClass(route, settings)) continue;
    const routeNamespace = route.metadata.namespace ?? 'default';
    const routeName = route.metadata.name ?? '';
    const entries = Array.isArray(route.spec?.routes) ? route.spec.routes : [];
    const skipped = route.spec ? routeSkips(route.spec, routeNamespace, settings) : new Map();
    entries.forEach((entry, routeIndex) => {
      if (skipped.has(routeIndex)) return;
      const services = Array.isArray(entry?.services) ? entry.services : [];
      services.forEach((service, serviceIndex) => {
        if (!service || typeof service !== 'object') return;
        const reference = typeof service.serversTransport === 'string' ? service.serversTransport : '';
        if (refusalsOf(routeNamespace, service, settings).length > 0) return;
        const { id } = resolveTransportReference(routeNamespace, reference);
        const usage: TransportUsage = {
          route: { namespace: routeNamespace, name: routeName },
          routeIndex,
          serviceIndex,
          service: {
            namespace:
              typeof service.namespace === 'string' && service.namespace ? service.namespace : routeNamespace,
            name: typeof service.name === 'string' ? service.name : '',
            port: service.port ?? '',
          },
          tls: service.tls === true,
          reference,
        };
        if (typeof service.nativeLB === 'boolean') usage.nativeLB = service.nativeLB;
        if (typeof service.nodePortLB === 'boolean') usage.nodePortLB = service.nodePortLB;
        byId.set(id, [...(byId.get(id) ?? []), usage]);
      });
    });
  }
  return byId;
}

export function usageOf(
  byId: ReadonlyMap<string, TransportUsage[]>,
  namespace: string,
  name: string,
): TransportUsage[] {
  return byId.get(traefikTransportId(namespace, name)) ?? [];
}
