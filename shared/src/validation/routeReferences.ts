import type { Diagnostic } from '../diagnostics/index.js';
import type { IngressRouteTCPSpec, ObjectReference } from '../model/index.js';
import {
  isCrossProviderNamespaceAllowed,
  KUBERNETES_CRD_PROVIDER,
  type ProviderSettings,
} from '../traefik/index.js';

const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const ANNOTATION_PATH = '/metadata/annotations/kubernetes.io~1ingress.class';

interface Refused {
  scope: 'cross-namespace' | 'cross-provider';
  field: 'name' | 'namespace';
  traefikError: string;
}

/** Traefik's resolveReference for middlewares and TLS options: why a reference is refused, if it is. */
function refusedReference(
  routeNamespace: string,
  reference: ObjectReference,
  settings: ProviderSettings,
): Refused | undefined {
  const name = typeof reference.name === 'string' ? reference.name : '';
  if (name.includes('@')) {
    if (!settings.allowCrossNamespace && name.endsWith(`@${KUBERNETES_CRD_PROVIDER}`)) {
      return {
        scope: 'cross-namespace',
        field: 'name',
        traefikError: `when allowCrossNamespace is disabled, @${KUBERNETES_CRD_PROVIDER} references are disallowed`,
      };
    }
    if (!isCrossProviderNamespaceAllowed(settings, routeNamespace)) {
      return {
        scope: 'cross-provider',
        field: 'name',
        traefikError: `namespace "${routeNamespace}" is not in crossProviderNamespaces`,
      };
    }
    return undefined;
  }
  const namespace =
    typeof reference.namespace === 'string' && reference.namespace !== ''
      ? reference.namespace
      : routeNamespace;
  if (settings.allowCrossNamespace || namespace === routeNamespace) return undefined;
  return {
    scope: 'cross-namespace',
    field: 'namespace',
    traefikError: 'allowCrossNamespace is disabled, cross-namespace are disallowed',
  };
}

function refusalHint(refused: Refused, routeNamespace: string): string {
  return refused.scope === 'cross-namespace'
    ? `Reference an object of namespace ${routeNamespace}, or turn on allowCrossNamespace in Traefik's kubernetescrd provider (and in Dialtone with --allow-cross-namespace).`
    : `Add ${routeNamespace} to crossProviderNamespaces in Traefik's kubernetescrd provider (and in Dialtone), or use an object of the kubernetescrd provider.`;
}

/**
 * Route by route, what the provider refuses before it looks at services: an empty match and
 * middlewares it cannot resolve skip the route (no router, no service).
 */
export function routeSkips(
  spec: IngressRouteTCPSpec,
  routeNamespace: string,
  settings: ProviderSettings,
): Map<number, Diagnostic[]> {
  const skips = new Map<number, Diagnostic[]>();
  (Array.isArray(spec.routes) ? spec.routes : []).forEach((route, r) => {
    if (!route || typeof route !== 'object') return;
    const found: Diagnostic[] = [];
    if (route.match === '') {
      found.push({
        severity: 'error',
        code: 'traefik.empty-match',
        source: 'traefik',
        path: `/spec/routes/${r}/match`,
        message:
          'match is empty: the API server accepts it, but Traefik logs "Empty match rule" and ignores this route, so neither its router nor its services are built.',
        hint: 'Write a rule such as HostSNI(`example.com`), or HostSNI(`*`) for every connection.',
      });
    }
    const middlewares = Array.isArray(route.middlewares) ? route.middlewares : [];
    middlewares.forEach((middleware, m) => {
      if (!middleware || typeof middleware !== 'object') return;
      const refused = refusedReference(routeNamespace, middleware, settings);
      if (!refused) return;
      found.push({
        severity: 'error',
        code: `traefik.${refused.scope}-middleware`,
        source: 'traefik',
        path: `/spec/routes/${r}/middlewares/${m}/${refused.field}`,
        message: `Traefik refuses this middleware reference ("invalid reference to middleware ${String(middleware.name)}: ${refused.traefikError}") and skips the whole route: neither its router nor its services are built.`,
        hint: refusalHint(refused, routeNamespace),
      });
    });
    if (found.length > 0) skips.set(r, found);
  });
  return skips;
}

/** A TLS option reference the provider refuses: it then builds the services but no router of the resource. */
export function tlsOptionRefusal(
  spec: IngressRouteTCPSpec,
  routeNamespace: string,
  settings: ProviderSettings,
): Diagnostic[] {
  const options = spec.tls?.options;
  if (!options || typeof options !== 'object' || typeof options.name !== 'string' || options.name === '')
    return [];
  const refused = refusedReference(routeNamespace, options, settings);
  if (!refused) return [];
  return [
    {
      severity: 'error',
      code: `traefik.${refused.scope}-tls-option`,
      source: 'traefik',
      path: `/spec/tls/options/${refused.field}`,
      message: `Traefik refuses TLS option ${options.name} (${refused.traefikError}) and builds no router of this IngressRouteTCP; its services are built but nothing routes to them.`,
      hint: refusalHint(refused, routeNamespace),
    },
  ];
}

/** Traefik's getIngressClassName and shouldProcessIngress, with the warning it logs for the annotation. */
export function ingressClassFindings(
  object: Record<string, unknown>,
  spec: IngressRouteTCPSpec,
  settings: ProviderSettings,
): Diagnostic[] {
  const metadata = object['metadata'];
  const annotations =
    metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
      ? (metadata as { annotations?: unknown }).annotations
      : undefined;
  const annotation =
    annotations !== null && typeof annotations === 'object'
      ? (annotations as Record<string, unknown>)[INGRESS_CLASS_ANNOTATION]
      : undefined;
  const out: Diagnostic[] = [];
  let className = '';
  let classPath = '/spec';
  if (typeof spec.ingressClassName === 'string') {
    className = spec.ingressClassName;
    classPath = '/spec/ingressClassName';
  } else if (typeof annotation === 'string' && annotation !== '') {
    className = annotation;
    classPath = ANNOTATION_PATH;
    out.push({
      severity: 'warning',
      code: 'traefik.deprecated-ingress-class-annotation',
      source: 'traefik',
      path: ANNOTATION_PATH,
      message: `Traefik logs "'${INGRESS_CLASS_ANNOTATION}' is a deprecated annotation, please use spec.ingressClassName instead." for this IngressRouteTCP.`,
      hint: `Move the class to spec.ingressClassName: ${annotation}.`,
    });
  }
  const watched = settings.ingressClass ?? '';
  const processed = watched === className || (watched === '' && className === 'traefik');
  if (!processed) {
    out.push({
      severity: 'warning',
      code: 'traefik.ingress-class-ignored',
      source: 'traefik',
      path: classPath,
      message: `A Traefik whose ingressClass is ${watched ? `"${watched}"` : 'unset'} ignores this IngressRouteTCP (its class is ${className ? `"${className}"` : 'unset'}): none of its routes are built.`,
      hint: watched
        ? `Set spec.ingressClassName: ${watched} if this Traefik should serve it.`
        : 'Lint with the ingressClass of the Traefik meant to serve it (--ingress-class), or drop the class.',
    });
  }
  return out;
}
