import type { Diagnostic } from '../diagnostics/index.js';
import type { IngressRouteTCPSpec } from '../model/index.js';
import { KUBERNETES_CRD_PROVIDER, normalizeTraefikName } from '../traefik/index.js';

/** Per-route checks of an IngressRouteTCP that need no other document. */
export function lintRouteSpec(spec: IngressRouteTCPSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const routes = Array.isArray(spec.routes) ? spec.routes : [];
  routes.forEach((route, r) => {
    const services = route && Array.isArray(route.services) ? route.services : [];
    services.forEach((service, s) => {
      if (!service || typeof service !== 'object') return;
      const base = `/spec/routes/${r}/services/${s}`;
      const reference = service.serversTransport;
      if (typeof reference === 'string' && reference.endsWith(`@${KUBERNETES_CRD_PROVIDER}`)) {
        const id = reference.slice(0, -`@${KUBERNETES_CRD_PROVIDER}`.length);
        out.push({
          severity: 'info',
          code: 'traefik.cross-namespace-transport',
          source: 'traefik',
          path: `${base}/serversTransport`,
          message: `"${reference}" names a transport by its Traefik ID, which Traefik accepts only with allowCrossNamespace: true in its kubernetescrd provider; otherwise the service is not created and the route is disabled.`,
        });
        if (normalizeTraefikName(id) !== id) {
          out.push({
            severity: 'error',
            code: 'traefik.transport-id-not-normalized',
            source: 'traefik',
            path: `${base}/serversTransport`,
            message: `Traefik uses "${reference}" verbatim, but transport IDs are normalized ("${normalizeTraefikName(id)}"), so it never matches.`,
            hint: `Write "${normalizeTraefikName(id)}@${KUBERNETES_CRD_PROVIDER}".`,
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
