import {
  providerSettings,
  refusalsOf,
  resolveTransportReference,
  traefikTransportId,
  type IngressRouteTCP,
  type ProviderSettings,
  type TransportUsage,
} from '@dialtone/shared';

/**
 * Traefik's `allowCrossNamespace`: whether services in another namespace than the route, and
 * `ns-name@kubernetescrd` references, are built at all.
 */
export type UsageOptions = Pick<ProviderSettings, 'allowCrossNamespace'>;

/**
 * Every place an IngressRouteTCP uses a transport, keyed by the Traefik ID it resolves to, exactly as
 * Traefik's makeTCPServersTransportKey resolves it: relative names in the route's own namespace,
 * an empty reference meaning `default@internal`. Services the provider refuses without
 * allowCrossNamespace (another namespace, `@kubernetescrd` references) use no transport: Traefik
 * never builds them.
 */
export function usagesById(
  routes: readonly IngressRouteTCP[],
  options: UsageOptions,
): Map<string, TransportUsage[]> {
  const byId = new Map<string, TransportUsage[]>();
  for (const route of routes) {
    const routeNamespace = route.metadata.namespace ?? 'default';
    const routeName = route.metadata.name ?? '';
    const entries = Array.isArray(route.spec?.routes) ? route.spec.routes : [];
    entries.forEach((entry, routeIndex) => {
      const services = Array.isArray(entry?.services) ? entry.services : [];
      services.forEach((service, serviceIndex) => {
        if (!service || typeof service !== 'object') return;
        const reference = typeof service.serversTransport === 'string' ? service.serversTransport : '';
        if (refusalsOf(routeNamespace, service, providerSettings(options)).length > 0) return;
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
