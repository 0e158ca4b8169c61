import type {
  ProviderSettings,
  TraefikDisagreement,
  TraefikOrigin,
  TraefikRouterState,
  TraefikServiceState,
  TraefikVerdict,
  TransportTraefikSummary,
  TransportTraefikView,
} from '@dialtone/shared';
import { qualify, type OriginIndex } from './names.js';
import type { ParsedRouter, ParsedService } from './parse.js';
import type { InstanceData } from './reader.js';

/** The routers and services of one instance that use one transport. */
export interface Usage {
  routers: ParsedRouter[];
  services: ParsedService[];
}

/**
 * Which transport each Traefik service dials with, and which routers reach those services: a
 * router's service carries the transport, or is the weighted parent of one that does (a route
 * entry with several services). Names are qualified with their provider, as the API lists them.
 */
export function usageByTransport(data: InstanceData): Map<string, Usage> {
  const services = new Map(data.services.map((s) => [s.name, s]));
  const transportsOf = new Map<string, Set<string>>();
  const childrenOf = new Map<string, ParsedService[]>();
  for (const service of data.services) {
    if (service.serversTransport) {
      transportsOf.set(service.name, new Set([qualify(service.serversTransport, service.provider)]));
    }
    const children = service.children
      .map((child) => services.get(qualify(child, service.provider)))
      .filter((s): s is ParsedService => s !== undefined);
    childrenOf.set(service.name, children);
  }
  const out = new Map<string, Usage>();
  const entry = (id: string) => {
    const usage = out.get(id) ?? { routers: [], services: [] };
    out.set(id, usage);
    return usage;
  };
  for (const service of data.services) {
    for (const id of transportsOf.get(service.name) ?? []) entry(id).services.push(service);
  }
  for (const router of data.routers) {
    if (!router.service) continue;
    const top = services.get(qualify(router.service, router.provider));
    if (!top) continue;
    const ids = new Set([
      ...(transportsOf.get(top.name) ?? []),
      ...(childrenOf.get(top.name) ?? []).flatMap((c) => [...(transportsOf.get(c.name) ?? [])]),
    ]);
    for (const id of ids) entry(id).routers.push(router);
  }
  return out;
}

export function inError(item: { status: string; errors: string[] }): boolean {
  return item.status !== 'enabled' || item.errors.length > 0;
}

export function verdictOf(usage: Usage | undefined): TraefikVerdict {
  if (!usage || (usage.routers.length === 0 && usage.services.length === 0)) return 'not-used';
  return usage.routers.some(inError) || usage.services.some(inError) ? 'in-error' : 'loaded';
}

/** The list's column: one verdict per transport Traefik uses; transports absent are not used. */
export function transportSummaries(data: InstanceData): Record<string, TransportTraefikSummary> {
  const out: Record<string, TransportTraefikSummary> = {};
  for (const [id, usage] of usageByTransport(data)) {
    if (id === '__proto__') continue;
    out[id] = {
      verdict: verdictOf(usage),
      routers: usage.routers.length,
      // A router whose service is broken serves nothing either: count it with the service's errors.
      routersInError: usage.routers.filter(
        (r) => inError(r) || usage.services.some((s) => inError(s) && reaches(r, s)),
      ).length,
    };
  }
  return out;
}

function reaches(router: ParsedRouter, service: ParsedService): boolean {
  const target = router.service ? qualify(router.service, router.provider) : '';
  return target === service.name || service.name.startsWith(target.replace(/@[^@]*$/, '-'));
}

/** What routers and services share: Traefik's name and verdict, and the route the name maps back to. */
function stateOf(item: ParsedRouter | ParsedService, origins: OriginIndex) {
  const origin = origins.originOf(item.name);
  return { name: item.name, status: item.status, errors: item.errors, ...(origin ? { origin } : {}) };
}

/** A router as the page and lint show it, mapped back to its route where the name is one Dialtone computes. */
export function routerState(r: ParsedRouter, origins: OriginIndex): TraefikRouterState {
  return {
    ...stateOf(r, origins),
    entryPoints: r.entryPoints,
    ...(r.rule !== undefined ? { rule: r.rule } : {}),
    ...(r.service !== undefined ? { service: r.service } : {}),
  };
}

export function serviceState(s: ParsedService, origins: OriginIndex): TraefikServiceState {
  return {
    ...stateOf(s, origins),
    ...(s.serversTransport ? { serversTransport: qualify(s.serversTransport, s.provider) } : {}),
    ...(s.serverStatus ? { serverStatus: s.serverStatus } : {}),
  };
}

/** Dialtone's prediction for the transport: its Traefik findings and the routes it expects to use it. */
export interface Prediction {
  /** Error messages of the `traefik` diagnostics: what Dialtone says Traefik breaks on. */
  errors: string[];
  /** Warning messages: what Traefik loads but drops or degrades, such as a missing CA Secret. */
  notes?: string[];
  /** The routers Dialtone expects from the routes naming the transport, by Traefik name, with their errors. */
  expectedRouters: { name: string; origin: TraefikOrigin; errors?: string[] }[];
}

function predictedVerdict(prediction: Prediction): TraefikVerdict {
  if (prediction.expectedRouters.length === 0) return 'not-used';
  return prediction.errors.length > 0 ? 'in-error' : 'loaded';
}

/** One instance's view of one transport, beside the prediction, with what disagrees and why. */
export function transportView(
  data: InstanceData,
  traefikId: string,
  prediction: Prediction,
  origins: OriginIndex,
  provider: ProviderSettings,
): TransportTraefikView {
  const predicted = {
    verdict: predictedVerdict(prediction),
    reasons: prediction.errors,
    ...(prediction.notes?.length ? { notes: prediction.notes } : {}),
  };
  if (data.reading.state !== 'ok') {
    return {
      ...data.reading,
      routers: [],
      services: [],
      missingRouters: [],
      prediction: predicted,
      disagreements: [],
    };
  }
  const usage = withRefusedRouters(usageByTransport(data).get(traefikId), data, prediction);
  const verdict = verdictOf(usage);
  const routerNames = new Set(data.routers.map((r) => r.name));
  const missingRouters = prediction.expectedRouters
    .filter((r) => !routerNames.has(r.name))
    .map(({ name, origin }) => ({ name, origin }));
  const routers = usage.routers.map((r) => routerState(r, origins));
  const services = usage.services.map((s) => serviceState(s, origins));
  return {
    ...data.reading,
    verdict,
    routers,
    services,
    missingRouters,
    prediction: predicted,
    disagreements: disagreements(
      verdict,
      predicted,
      routers,
      services,
      missingRouters,
      prediction.expectedRouters,
      settingsOf(provider),
    ),
  };
}

/**
 * Traefik makes the router of a route entry even when its provider refuses to build the entry's
 * service (the router then points at a service that does not exist), so nothing in Traefik's API
 * ties that router to the transport. The route names the transport, so its router is shown with it.
 */
function withRefusedRouters(usage: Usage | undefined, data: InstanceData, prediction: Prediction): Usage {
  const routers = [...(usage?.routers ?? [])];
  const shown = new Set(routers.map((r) => r.name));
  const expected = new Set(prediction.expectedRouters.map((r) => r.name));
  for (const router of data.routers) {
    if (expected.has(router.name) && !shown.has(router.name)) routers.push(router);
  }
  return { routers, services: usage?.services ?? [] };
}

const SERVICE_OPTIONS = [
  'allowEmptyServices',
  'allowExternalNameServices',
  'nativeLBByDefault',
  'disableClusterScopeResources',
] as const;

const onOff = (value: boolean | undefined) => (value ? 'on' : 'off');

function crossProviderAssumed(namespaces: readonly string[] | undefined): string {
  if (namespaces === undefined) return 'unset, so every namespace may';
  if (namespaces.length === 0) return 'an empty list, so no namespace may';
  return `only ${namespaces.join(', ')}`;
}

/**
 * Settings that could explain a disagreement, each with what Dialtone assumed, so a reader sees at
 * once whether the flag it was started with matches the Traefik it is compared to.
 */
function settingsOf(provider: ProviderSettings) {
  return {
    crossNamespace: `Traefik's allowCrossNamespace: with it, Traefik uses transports from routes in other namespaces and ns-name@kubernetescrd references; Dialtone assumes it is ${onOff(provider.allowCrossNamespace)} (--allow-cross-namespace)`,
    crossProvider: `Traefik's crossProviderNamespaces, which says which namespaces' routes may reference name@provider objects; Dialtone assumes ${crossProviderAssumed(provider.crossProviderNamespaces)} (--cross-provider-namespaces)`,
    scope: `Traefik's ingressClass, namespaces or labelSelector options, which leave routes out of Traefik's view; Dialtone assumes ingressClass ${provider.ingressClass ? `"${provider.ingressClass}"` : 'unset'} (--ingress-class) and every namespace and label`,
    throttle:
      'Traefik has not applied the latest change yet: it loads configuration after a throttle of a few seconds',
    services: `Traefik's allowEmptyServices, allowExternalNameServices, nativeLBByDefault and disableClusterScopeResources, which decide whether a route's Service gives it a backend; Dialtone assumes ${SERVICE_OPTIONS.map((name) => `${name} ${onOff(provider[name])}`).join(', ')}`,
    spiffe:
      "Traefik's SPIFFE setup (spiffe: in its static configuration); Dialtone assumes what --traefik-spiffe says",
    material: 'a Secret or ConfigMap Traefik cannot read with its own RBAC, while you can',
    version: 'a Traefik version whose rules differ from the v3.7 rules Dialtone follows',
  };
}

function errorsOf(routers: TraefikRouterState[], services: TraefikServiceState[]): string[] {
  return [...new Set([...routers, ...services].flatMap((x) => x.errors))];
}

function list(items: string[]): string {
  return items.length <= 3
    ? items.join('; ')
    : `${items.slice(0, 3).join('; ')} and ${items.length - 3} more`;
}

function disagreements(
  verdict: TraefikVerdict,
  predicted: { verdict: TraefikVerdict; reasons: string[] },
  routers: TraefikRouterState[],
  services: TraefikServiceState[],
  missing: { name: string; origin: TraefikOrigin }[],
  expected: { name: string; origin: TraefikOrigin }[],
  settings: ReturnType<typeof settingsOf>,
): TraefikDisagreement[] {
  const out: TraefikDisagreement[] = [];
  const traefikErrors = errorsOf(routers, services);
  const used = (n: number) => `${n} router${n === 1 ? '' : 's'}`;
  if (verdict !== predicted.verdict) {
    if (predicted.verdict === 'not-used') {
      out.push({
        traefik: `Traefik uses it from ${used(routers.length)} (${list(routers.map((r) => r.name))})${verdict === 'in-error' ? ` and reports: ${list(traefikErrors)}` : ''}`,
        dialtone: 'Dialtone predicted that no route uses it',
        explanations: [settings.crossNamespace, settings.crossProvider, settings.throttle],
      });
    } else if (verdict === 'not-used') {
      out.push({
        traefik: 'Traefik has no router that uses it',
        dialtone: `Dialtone predicted that ${used(expected.length)} use it (${list(expected.map((m) => `${m.origin.namespace}/${m.origin.name}`))})`,
        explanations: [settings.throttle, settings.scope, settings.crossNamespace, settings.services],
      });
    } else if (verdict === 'in-error') {
      out.push({
        traefik: `Traefik reports: ${list(traefikErrors) || 'routers or services not enabled'}`,
        dialtone: 'Dialtone predicted that Traefik loads it without errors',
        explanations: [
          ...(traefikErrors.some((e) => /spiffe/i.test(e)) ? [settings.spiffe] : []),
          settings.material,
          settings.services,
          settings.version,
        ],
      });
    } else {
      out.push({
        traefik: `Traefik reports ${used(routers.length)} using it, all enabled and without errors`,
        dialtone: `Dialtone predicted: ${list(predicted.reasons)}`,
        explanations: [
          settings.crossNamespace,
          settings.crossProvider,
          settings.services,
          settings.spiffe,
          settings.version,
          settings.throttle,
        ],
      });
    }
    return out;
  }
  if (missing.length > 0 && verdict !== 'not-used') {
    out.push({
      traefik: `Traefik has no router ${list(missing.map((m) => m.name))}`,
      dialtone: `Dialtone predicted it from ${list(missing.map((m) => `${m.origin.namespace}/${m.origin.name}`))}`,
      explanations: [settings.throttle, settings.scope, settings.services],
    });
  }
  return out;
}
