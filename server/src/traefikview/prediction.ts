import {
  providerSettings,
  referenceDiagnostics,
  routeSkips,
  validate,
  type IngressRouteTCP,
  type ProviderSettings,
  type ResourceSchema,
  type ServersTransportTCP,
  type TransportUsage,
} from '@dialtone/shared';
import type { KubeClient } from '../clusters/index.js';
import { referenceStates, usagesById, usageOf } from '../transports/index.js';
import { liveClusterObjects } from './liveClusterObjects.js';
import { predictedErrors } from './lintView.js';
import { routeEntryNames } from './names.js';
import type { Prediction } from './view.js';

export interface PredictionInput {
  /** Reads as the user: the transport's Secrets and ConfigMaps, the routes' Services and EndpointSlices. */
  client: KubeClient;
  object: ServersTransportTCP;
  schema: ResourceSchema;
  /** Every IngressRouteTCP the server knows; empty when its cache is not ready. */
  routes: readonly IngressRouteTCP[];
  provider: Partial<ProviderSettings>;
}

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * Every route service that names the transport, including those the provider refuses to build
 * (another namespace without allowCrossNamespace, a namespace crossProviderNamespaces leaves out):
 * Traefik still makes their routers, in error, so they are part of what Traefik shows for it.
 */
function referencingUsage(
  routes: readonly IngressRouteTCP[],
  provider: ProviderSettings,
  namespace: string,
  name: string,
): TransportUsage[] {
  const permissive = { ...provider, allowCrossNamespace: true, crossProviderNamespaces: undefined };
  return usageOf(usagesById(routes, permissive), namespace, name);
}

/**
 * Dialtone's prediction for one transport, as the detail, the editor and lint make it: the
 * transport's lints and its unresolved Secret and ConfigMap references, and for each route entry
 * that names it, the route checks with the server's provider settings and the Services and
 * EndpointSlices of the cluster, so a refused ExternalName Service or a cross-namespace reference
 * is predicted as the error Traefik gives the router.
 */
export async function predictionFor(input: PredictionInput): Promise<Prediction> {
  const { client, object, routes } = input;
  const namespace = object.metadata.namespace ?? 'default';
  const name = object.metadata.name ?? '';
  const settings = providerSettings(input.provider);
  const diagnostics = validate(object, { schemas: { serversTransportTCP: input.schema } });
  const usage = referencingUsage(routes, settings, namespace, name);
  const [references, cluster] = await Promise.all([
    referenceStates(client, object),
    liveClusterObjects(client, usage),
  ]);
  diagnostics.push(...referenceDiagnostics(references, namespace));
  const errors = new Set(predictedErrors(diagnostics));
  const notes = diagnostics
    .filter((d) => d.source === 'traefik' && d.severity === 'warning')
    .map((d) => d.message);

  const byKey = new Map(routes.map((r) => [keyOf(r.metadata.namespace ?? '', r.metadata.name ?? ''), r]));
  const expected = new Map<string, Prediction['expectedRouters'][number]>();
  const checked = new Map<IngressRouteTCP, ReturnType<typeof validate>>();
  for (const use of usage) {
    const route = byKey.get(keyOf(use.route.namespace, use.route.name));
    if (!route?.spec) continue;
    // An entry the provider skips under the real settings (a refused middleware) has no router.
    if (routeSkips(route.spec, use.route.namespace, settings).has(use.routeIndex)) continue;
    const names = routeEntryNames(route).find((n) => n.origin.routeIndex === use.routeIndex);
    if (!names) continue;
    let routeDiagnostics = checked.get(route);
    if (!routeDiagnostics) {
      // A watched list's items may come without kind and apiVersion, which validate classifies by.
      const document = {
        ...route,
        apiVersion: route.apiVersion || 'traefik.io/v1alpha1',
        kind: route.kind || 'IngressRouteTCP',
      };
      routeDiagnostics = validate(document, { provider: settings, cluster });
      checked.set(route, routeDiagnostics);
    }
    const routeErrors = predictedErrors(routeDiagnostics, use.routeIndex);
    for (const error of routeErrors) errors.add(error);
    const before = expected.get(names.router)?.errors ?? [];
    expected.set(names.router, {
      name: names.router,
      origin: names.origin,
      errors: [...new Set([...before, ...routeErrors])],
    });
  }
  return { errors: [...errors], notes, expectedRouters: [...expected.values()] };
}
