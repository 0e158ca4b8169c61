import { createHash } from 'node:crypto';
import type { IngressRouteTCP, TraefikOrigin } from '@dialtone/shared';

const PROVIDER = 'kubernetescrd';

/** The names Traefik's kubernetescrd provider gives the router and services of one route entry. */
export interface RouteEntryNames {
  origin: TraefikOrigin;
  /** The router, and the service it points at (the same name, as the provider makes them). */
  router: string;
  /** The service that carries each `services[]` entry's transport, in order. */
  services: string[];
}

/**
 * As kubernetes_tcp.go names them: `makeID(namespace, makeServiceKey(match, ingressName))`, where
 * the key is the route's name and the first 10 bytes of the SHA-256 of its `match` in hex
 * (`%.10x`). A route entry with several services gets a weighted service of that name, whose
 * children are `<name>-<service>-<port>`; with one service the router's service is the balancer.
 */
export function routeEntryNames(route: IngressRouteTCP): RouteEntryNames[] {
  const namespace = route.metadata.namespace ?? '';
  const ingressName = route.metadata.name ?? route.metadata.generateName ?? '';
  const entries = Array.isArray(route.spec?.routes) ? route.spec.routes : [];
  const out: RouteEntryNames[] = [];
  entries.forEach((entry, routeIndex) => {
    const match = typeof entry?.match === 'string' ? entry.match : '';
    // Traefik skips an entry without a match: it has no router to find.
    if (match === '') return;
    const hash = createHash('sha256').update(match).digest('hex').slice(0, 20);
    const id = namespace === '' ? `${ingressName}-${hash}` : `${namespace}-${ingressName}-${hash}`;
    const services = Array.isArray(entry.services) ? entry.services : [];
    out.push({
      origin: { namespace, name: route.metadata.name ?? '', routeIndex },
      router: `${id}@${PROVIDER}`,
      services:
        services.length === 1
          ? [`${id}@${PROVIDER}`]
          : services.map((s) => `${id}-${String(s?.name ?? '')}-${String(s?.port ?? '')}@${PROVIDER}`),
    });
  });
  return out;
}

/** Traefik's names are relative to the provider that made them; the API shows some unqualified. */
export function qualify(name: string, provider: string | undefined): string {
  if (name.includes('@')) return name;
  return `${name}@${provider && provider !== '' ? provider : PROVIDER}`;
}

/**
 * The route a router or service name came from, given the routes Dialtone can see. Names are
 * computed forward from the routes, never parsed: `ns-name` is ambiguous when either has dashes.
 */
export class OriginIndex {
  private readonly byName = new Map<string, TraefikOrigin>();

  constructor(routes: readonly IngressRouteTCP[]) {
    for (const route of routes) {
      for (const names of routeEntryNames(route)) {
        this.byName.set(names.router, names.origin);
        for (const service of names.services) this.byName.set(service, names.origin);
      }
    }
  }

  originOf(name: string): TraefikOrigin | undefined {
    return this.byName.get(name);
  }
}
