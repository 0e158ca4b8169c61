import type { Diagnostic } from '../diagnostics/index.js';
import type { IngressRouteTCPSpec, ServersTransportTCPSpec } from '../model/index.js';

import {
  bundledSchemas,
  validateWithSchema,
  type ResourceSchema,
  type TraefikRelease,
} from '../schema/index.js';
import { lintTransportSpec, providerSettings, type ProviderSettings } from '../traefik/index.js';
import { classifyDocument, type DocumentKind } from './classify.js';
import { checkHttpServersTransport } from './httpTransport.js';
import type { ClusterObjects } from './clusterObjects.js';
import { lintRouteSpec } from './lintRoute.js';

export interface ValidateOptions {
  /** Schemas read from a cluster's installed CRDs; the bundled ones otherwise. */
  schemas?: { serversTransportTCP?: ResourceSchema; ingressRouteTCP?: ResourceSchema };
  /** Whose bundled CRDs stand in where `schemas` gives none (default: the current release). */
  traefik?: TraefikRelease;
  /** Traefik's kubernetescrd provider options, with Traefik's defaults for those not given. */
  provider?: Partial<ProviderSettings>;
  /** Namespace of objects that do not set one (kubectl's current namespace); `default` otherwise. */
  defaultNamespace?: string;
  /** Services, EndpointSlices and Nodes beside the routes, so the provider's use of them can be judged. */
  cluster?: ClusterObjects;
}

export interface ObjectValidation {
  /** The kind the document was checked as, or undefined when skipped. */
  kind?: DocumentKind | 'ServersTransport';
  /** Why the document was not checked. */
  skipped?: string;
  diagnostics: Diagnostic[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Replaces generic messages with ones that name the usual cause. */
function explain(diagnostic: Diagnostic, value: Record<string, unknown>, schema: ResourceSchema): Diagnostic {
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  if (diagnostic.code === 'kubernetes.wrong-api-version' && typeof apiVersion === 'string') {
    const legacy = apiVersion.startsWith('traefik.containo.us/');
    return {
      ...diagnostic,
      message: legacy
        ? `apiVersion ${apiVersion} belongs to the traefik.containo.us group, which Traefik v3 no longer serves: the API server answers "no matches for kind ${schema.kind}".`
        : `apiVersion is ${apiVersion}; ${schema.kind} is served only as ${schema.group}/${schema.version}.`,
      hint: `Write apiVersion: ${schema.group}/${schema.version}.`,
    };
  }
  if (diagnostic.code === 'kubernetes.wrong-kind' && typeof kind === 'string') {
    return {
      ...diagnostic,
      message: `kind is ${kind}, but kinds are case-sensitive: the API server knows only ${schema.kind}.`,
      hint: `Write kind: ${schema.kind}.`,
    };
  }
  if (diagnostic.code === 'kubernetes.required' && diagnostic.path === '/kind') {
    return {
      ...diagnostic,
      message:
        'kind is missing, so kubectl cannot map the document to a resource ("Object \'Kind\' is missing").',
      hint: `Add kind: ${schema.kind}.`,
    };
  }
  return diagnostic;
}

function checkName(value: Record<string, unknown>): Diagnostic[] {
  const metadata = value['metadata'];
  if (!isRecord(metadata)) return [];
  const { name, generateName } = metadata;
  if ((name === undefined || name === null || name === '') && !generateName) {
    return [
      {
        severity: 'error',
        code: 'kubernetes.name-required',
        source: 'kubernetes',
        path: '/metadata/name',
        message:
          'metadata.name is required: the API server needs a name (or generateName on create) and kubectl apply needs a name.',
        hint: 'Add metadata.name, a DNS-1123 subdomain such as my-transport.',
      },
    ];
  }
  return [];
}

/**
 * Everything the API server and Traefik would say about one object: schema (the cluster's CRD or
 * the bundled one), Kubernetes object rules, and Traefik's runtime behaviour.
 */
export function validateObject(value: unknown, options: ValidateOptions = {}): ObjectValidation {
  const classification = classifyDocument(value);
  if ('skip' in classification) return { skipped: classification.skip, diagnostics: [] };
  const object = value as Record<string, unknown>;
  if (classification.validate === 'http-servers-transport') {
    return { kind: 'ServersTransport', diagnostics: checkHttpServersTransport(object) };
  }
  const bundled = bundledSchemas(options.traefik);
  const isTransport = classification.validate === 'ServersTransportTCP';
  const schema = isTransport
    ? (options.schemas?.serversTransportTCP ?? bundled.serversTransportTCP)
    : (options.schemas?.ingressRouteTCP ?? bundled.ingressRouteTCP);
  const diagnostics = validateWithSchema(object, schema.schema).map((d) => explain(d, object, schema));
  diagnostics.push(...checkName(object));
  const spec = object['spec'];
  if (isRecord(spec)) {
    if (isTransport) diagnostics.push(...lintTransportSpec(spec as ServersTransportTCPSpec, schema.schema));
    else {
      const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
      const namespace =
        typeof metadata['namespace'] === 'string' && metadata['namespace'] !== ''
          ? metadata['namespace']
          : (options.defaultNamespace ?? 'default');
      diagnostics.push(
        ...lintRouteSpec(spec as unknown as IngressRouteTCPSpec, {
          namespace,
          provider: providerSettings(options.provider),
          object,
          ...(options.cluster ? { cluster: options.cluster } : {}),
        }),
      );
    }
  }
  return { kind: classification.validate, diagnostics };
}

/** The diagnostics for one object (see validateObject). */
export function validate(value: unknown, options: ValidateOptions = {}): Diagnostic[] {
  return validateObject(value, options).diagnostics;
}
