import {
  resolveTransportReference,
  traefikTransportId,
  type Diagnostic,
  type IngressRouteTCP,
  type LintTraefikObject,
  type TraefikReading,
  type TraefikRouterState,
  type TraefikServiceState,
  type TraefikVerdict,
} from '@dialtone/shared';
import { OriginIndex, routeEntryNames } from './names.js';
import type { InstanceData } from './reader.js';
import { inError, routerState, serviceState, usageByTransport, verdictOf } from './view.js';

/** One ServersTransportTCP or IngressRouteTCP document of lint's input, with what lint said of it. */
export interface LintObject {
  source: string;
  index: number;
  kind: 'ServersTransportTCP' | 'IngressRouteTCP';
  namespace: string;
  name: string;
  /** The parsed document; a route's entries give the names Traefik makes from it. */
  value: unknown;
  diagnostics: readonly Diagnostic[];
}

/** An object's view and the findings it adds to its document. */
export interface LintObjectView {
  object: LintObject;
  view: LintTraefikObject;
  diagnostics: Diagnostic[];
}

const CODE_PREFIX = 'traefik-api.';

const LIVE_HINT =
  'Traefik reads the live cluster, whose objects may differ from this input until it is applied; otherwise a Traefik setting lint assumes otherwise could explain it (allowCrossNamespace, allowEmptyServices, allowExternalNameServices, SPIFFE): give it with --provider-options.';

const NOT_LOADED_HINT =
  "Apply the input first, or check Traefik's ingressClass, namespaces and labelSelector options, which leave routes out of its view.";

function label(reading: TraefikReading): string {
  return `Traefik${reading.version ? ` ${reading.version}` : ''} at ${reading.instance.target}`;
}

function list(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 3
    ? unique.join('; ')
    : `${unique.slice(0, 3).join('; ')} and ${unique.length - 3} more`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lint's own Traefik errors, for the whole document or for one route entry and what is above it. */
export function predictedErrors(diagnostics: readonly Diagnostic[], routeIndex?: number): string[] {
  const entry = `/spec/routes/${routeIndex}`;
  return diagnostics
    .filter((d) => d.source === 'traefik' && d.severity === 'error' && !d.code.startsWith(CODE_PREFIX))
    .filter(
      (d) =>
        routeIndex === undefined ||
        d.path === entry ||
        d.path.startsWith(`${entry}/`) ||
        !d.path.startsWith('/spec/routes/'),
    )
    .map((d) => d.message);
}

function whereFrom(item: TraefikRouterState | TraefikServiceState): string {
  const o = item.origin;
  return o ? ` (IngressRouteTCP ${o.namespace}/${o.name} routes[${o.routeIndex ?? 0}])` : '';
}

/** One finding per router or service Traefik has in error: `disabled` is an error, as Traefik counts it. */
function errorFindings(
  reading: TraefikReading,
  items: { what: 'router' | 'service'; state: TraefikRouterState | TraefikServiceState }[],
  pathOf: (state: TraefikRouterState | TraefikServiceState) => string,
  predictedFor: (state: TraefikRouterState | TraefikServiceState) => string[],
  role: string,
): Diagnostic[] {
  return items
    .filter(({ state }) => inError(state))
    .map(({ what, state }) => {
      const predicted = predictedFor(state);
      const errors = state.errors.length > 0 ? `: ${list(state.errors)}` : '';
      return {
        severity: state.status === 'disabled' ? 'error' : 'warning',
        code: `${CODE_PREFIX}${what}-${state.status === 'disabled' ? 'error' : 'warning'}`,
        source: 'traefik',
        path: pathOf(state),
        message: `${label(reading)} reports ${what} ${state.name}${whereFrom(state)}${role} ${state.status}${errors}${predicted.length === 0 ? '; lint predicted no error' : ''}.`,
        ...(predicted.length === 0 ? { hint: LIVE_HINT } : {}),
      };
    });
}

function disagreement(
  verdict: TraefikVerdict,
  predicted: { verdict: TraefikVerdict; reasons: string[] },
  routers: TraefikRouterState[],
  services: TraefikServiceState[],
  expectedRouters: number,
): string | undefined {
  if (verdict === 'in-error' && predicted.verdict !== 'in-error') {
    const errors = [...routers, ...services].flatMap((x) => x.errors);
    return `Traefik reports ${list(errors) || 'routers or services not enabled'}; lint predicted no error`;
  }
  if (verdict === 'loaded' && predicted.verdict === 'in-error') {
    return `Traefik reports it loaded by ${plural(routers.length, 'router')} without errors; lint predicted: ${list(predicted.reasons)}`;
  }
  if (verdict === 'not-used' && expectedRouters > 0) {
    return `Traefik has no router made from it; lint predicted ${plural(expectedRouters, 'router')}`;
  }
  return undefined;
}

function findings(reading: TraefikReading, view: LintTraefikObject, errors: Diagnostic[]): Diagnostic[] {
  const out = [...errors];
  if (view.verdict === 'loaded' && view.disagreement) {
    out.push({
      severity: 'warning',
      code: `${CODE_PREFIX}disagreement`,
      source: 'traefik',
      path: '/metadata/name',
      message: `${label(reading)}: ${view.disagreement}.`,
      hint: LIVE_HINT,
    });
  }
  if (view.verdict === 'not-used' && view.disagreement) {
    out.push({
      severity: 'info',
      code: `${CODE_PREFIX}not-loaded`,
      source: 'traefik',
      path: '/metadata/name',
      message: `${label(reading)}: ${view.disagreement}.`,
      hint: NOT_LOADED_HINT,
    });
  }
  return out;
}

function routesOf(objects: readonly LintObject[]): IngressRouteTCP[] {
  return objects.filter((o) => o.kind === 'IngressRouteTCP').map((o) => routeWithNamespace(o));
}

/** The route as Traefik names it: the namespace lint assumed when the document sets none. */
function routeWithNamespace(object: LintObject): IngressRouteTCP {
  const value = object.value as IngressRouteTCP;
  return { ...value, metadata: { ...value.metadata, namespace: object.namespace, name: object.name } };
}

/** The Traefik IDs of the transports a route entry's services dial with, as Traefik resolves them. */
function transportIdsOf(route: IngressRouteTCP, routeIndex: number): string[] {
  const entry = Array.isArray(route.spec?.routes) ? route.spec.routes[routeIndex] : undefined;
  const services = Array.isArray(entry?.services) ? entry.services : [];
  const namespace = route.metadata.namespace ?? '';
  return services.map(
    (s) =>
      resolveTransportReference(namespace, typeof s?.serversTransport === 'string' ? s.serversTransport : '')
        .id,
  );
}

/** Routers the input's routes should make that dial with the transport. */
function expectedRoutersOf(traefikId: string, routes: readonly IngressRouteTCP[]): number {
  return routes
    .flatMap((route) => routeEntryNames(route).map((names) => ({ route, names })))
    .filter(({ route, names }) => transportIdsOf(route, names.origin.routeIndex ?? 0).includes(traefikId))
    .length;
}

/** What Traefik has of one object, and how lint's findings place its errors. */
interface Seen {
  verdict: TraefikVerdict;
  routers: TraefikRouterState[];
  services: TraefikServiceState[];
  /** Lint's Traefik errors for the whole object. */
  reasons: string[];
  /** Routers lint expects Traefik to make from the input. */
  expected: number;
  pathOf: (state: TraefikRouterState | TraefikServiceState) => string;
  predictedFor: (state: TraefikRouterState | TraefikServiceState) => string[];
  /** How a router or service relates to the object, in the finding's sentence. */
  role: string;
}

function objectView(data: InstanceData, object: LintObject, seen: Seen): LintObjectView {
  const { verdict, routers, services, reasons } = seen;
  const prediction = { verdict: reasons.length > 0 ? 'in-error' : 'loaded', reasons } as const;
  const found = disagreement(verdict, prediction, routers, services, seen.expected);
  const view: LintTraefikObject = {
    ...identity(object),
    verdict,
    routers,
    services,
    prediction: { verdict: prediction.verdict, reasons },
    ...(found ? { disagreement: found } : {}),
  };
  const errors = errorFindings(
    data.reading,
    [
      ...routers.map((state) => ({ what: 'router' as const, state })),
      ...services.map((state) => ({ what: 'service' as const, state })),
    ],
    seen.pathOf,
    seen.predictedFor,
    seen.role,
  );
  return { object, view, diagnostics: findings(data.reading, view, errors) };
}

function transportView(
  data: InstanceData,
  object: LintObject,
  origins: OriginIndex,
  routes: readonly IngressRouteTCP[],
): LintObjectView {
  const traefikId = traefikTransportId(object.namespace, object.name);
  const usage = usageByTransport(data).get(traefikId);
  const reasons = predictedErrors(object.diagnostics);
  return objectView(data, object, {
    verdict: verdictOf(usage),
    routers: (usage?.routers ?? []).map((r) => routerState(r, origins)),
    services: (usage?.services ?? []).map((s) => serviceState(s, origins)),
    reasons,
    expected: expectedRoutersOf(traefikId, routes),
    pathOf: () => '/metadata/name',
    predictedFor: () => reasons,
    role: ' that uses it is',
  });
}

function routeView(
  data: InstanceData,
  object: LintObject,
  origins: OriginIndex,
  transportErrors: ReadonlyMap<string, string[]>,
): LintObjectView {
  const route = routeWithNamespace(object);
  const entries = routeEntryNames(route);
  // An entry fails with the transport it dials with: lint's errors of that transport count for it.
  const predictedFor = (routeIndex: number | undefined) => [
    ...predictedErrors(object.diagnostics, routeIndex),
    ...(routeIndex === undefined
      ? entries.flatMap((e) => transportIdsOf(route, e.origin.routeIndex ?? 0))
      : transportIdsOf(route, routeIndex)
    ).flatMap((id) => transportErrors.get(id) ?? []),
  ];
  const routersByName = new Map(data.routers.map((r) => [r.name, r]));
  const routers: TraefikRouterState[] = [];
  const services: TraefikServiceState[] = [];
  for (const names of entries) {
    const router = routersByName.get(names.router);
    if (router) routers.push(routerState(router, origins));
    // An entry with several services has a weighted service named as its router, over the others.
    const serviceNames = new Set([names.router, ...names.services]);
    services.push(
      ...data.services.filter((s) => serviceNames.has(s.name)).map((s) => serviceState(s, origins)),
    );
  }
  const all = [...routers, ...services];
  const entryOf = (state: TraefikRouterState | TraefikServiceState) => state.origin?.routeIndex;
  return objectView(data, object, {
    verdict: all.length === 0 ? 'not-used' : all.some((x) => inError(x)) ? 'in-error' : 'loaded',
    routers,
    services,
    reasons: [...new Set(predictedFor(undefined))],
    expected: entries.length,
    pathOf: (state) => (entryOf(state) === undefined ? '/spec/routes' : `/spec/routes/${entryOf(state)}`),
    predictedFor: (state) => predictedFor(entryOf(state)),
    role: ' is',
  });
}

function identity(object: LintObject) {
  const { source, index, kind, namespace, name } = object;
  return { source, index, kind, namespace, name };
}

/**
 * What one Traefik instance did with each object of lint's input, by the names Traefik's
 * kubernetescrd provider gives them, and the findings that adds: Traefik's errors, and where its
 * verdict and lint's prediction differ. A reading in error has no objects.
 */
export function lintObjectViews(data: InstanceData, objects: readonly LintObject[]): LintObjectView[] {
  if (data.reading.state !== 'ok') return [];
  const routes = routesOf(objects);
  const origins = new OriginIndex(routes);
  const transportErrors = new Map<string, string[]>();
  for (const object of objects) {
    if (object.kind !== 'ServersTransportTCP') continue;
    const id = traefikTransportId(object.namespace, object.name);
    transportErrors.set(id, [...(transportErrors.get(id) ?? []), ...predictedErrors(object.diagnostics)]);
  }
  return objects.map((object) =>
    object.kind === 'ServersTransportTCP'
      ? transportView(data, object, origins, routes)
      : routeView(data, object, origins, transportErrors),
  );
}
