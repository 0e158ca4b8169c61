import {
  KUBERNETES_CRD_PROVIDER,
  resolveTransportReference,
  traefikTransportId,
  type IngressRouteTCP,
  type TransportUsage,
} from '@dialtone/shared';

export interface UsageOptions {
  /** Traefik's `allowCrossNamespace`: whether `ns-name@kubernetescrd` references are honoured. */
  allowCrossNamespace: boolean;
}

/**
 * Every place an IngressRouteTCP uses a transport, keyed by the Traefik ID it resolves to, exactly as
 * Traefik's makeTCPServersTransportKey resolves it: relative names in the route's own namespace,
 * `@kubernetescrd` only with allowCrossNamespace, an empty reference meaning `default@internal`.
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
        const { id, provider } = resolveTransportReference(routeNamespace, reference);
        if (provider === KUBERNETES_CRD_PROVIDER && reference.includes('@') && !options.allowCrossNamespace)
          return;
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
