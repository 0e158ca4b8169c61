/**
 * What Traefik's kubernetescrd provider leaves out of its configuration because of a finding:
 * the whole IngressRouteTCP, one route (its router and services), a router (its services are still
 * built), or one `services[]` entry.
 */
export type ProviderDrop = 'resource' | 'route' | 'router' | 'service';

const DROPS: Readonly<Record<string, ProviderDrop>> = {
  'traefik.ingress-class-ignored': 'resource',
  'traefik.empty-match': 'route',
  'traefik.cross-namespace-middleware': 'route',
  'traefik.cross-provider-middleware': 'route',
  'traefik.cross-namespace-tls-option': 'router',
  'traefik.cross-provider-tls-option': 'router',
  'traefik.cross-namespace-service': 'service',
  'traefik.cross-namespace-transport': 'service',
  'traefik.cross-provider-transport': 'service',
  'traefik.external-name-service': 'service',
  'traefik.service-not-in-input': 'service',
  'traefik.service-port-not-found': 'service',
  'traefik.node-port-lb-without-nodes': 'service',
  'traefik.native-lb-headless': 'service',
  'traefik.no-servers': 'service',
};

/** The part of the configuration a diagnostic code says the provider does not build, if any. */
export function providerDropOf(code: string): ProviderDrop | undefined {
  return Object.hasOwn(DROPS, code) ? DROPS[code] : undefined;
}
