import {
  ADMISSION_SOURCES,
  SERVERS_TRANSPORT_TCP_KIND,
  TRAEFIK_API_VERSION,
  validate,
  type ProbeRequest,
  type ProbeResponse,
  type ProviderSettings,
  type ResourceSchema,
  type ServersTransportTCPSpec,
} from '@dialtone/shared';
import { DEFAULT_DEADLINE_MS, runProbe, type EngineOptions, type ProbeTransportInput } from './engine.js';
import { loadTlsMaterial, MaterialForbiddenError, type MaterialSource } from './material.js';
import { boundResponse } from './responseBounds.js';
import {
  planTargets,
  ProbeRequestError,
  type Lookup,
  type ServiceSource,
  type TransportBackend,
} from './targets.js';

/** What the probe reads from a cluster, every call made with the requesting user's identity. */
export interface ProbeAccess {
  material: MaterialSource;
  getTransport(namespace: string, name: string): Promise<Lookup<ServersTransportTCPSpec>>;
  /** Absent until the cluster layer reads Services and EndpointSlices; service targets then answer 501. */
  services?: ServiceSource;
  /** Every backend of every IngressRouteTCP that uses the saved transport. */
  usage?: (namespace: string, name: string) => Promise<TransportBackend[]>;
  /** Traefik's kubernetescrd provider options, which decide what Traefik would dial; its defaults when absent. */
  provider?: ProviderSettings;
  /** The cluster's installed ServersTransportTCP schema, which a draft is checked against; the bundled one otherwise. */
  transportSchema?: () => Promise<ResourceSchema>;
}

export interface ProbeOptions extends EngineOptions {
  maxTargets?: number;
  /** Told how many addresses the targets expanded to, before any dial (for rate limiting). */
  onPlanned?: (count: number) => void;
}

/** Cluster reads count against the probe's one deadline too. */
function beforeDeadline<T>(work: Promise<T>, deadlineAt: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ProbeRequestError(
            503,
            'cluster_unreachable',
            "Reading the transport, its TLS material and the targets from the cluster took longer than the probe's deadline. Check that the cluster answers, then try again.",
          ),
        ),
      Math.max(0, deadlineAt - performance.now()),
    );
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** One probe request from start to answer: the transport, its TLS material, the targets, the dials. */
export async function probe(
  request: ProbeRequest,
  access: ProbeAccess,
  options: ProbeOptions,
): Promise<ProbeResponse> {
  const deadlineAt = options.deadlineAt ?? performance.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const { namespace } = request.transport;
  let transport: ProbeTransportInput;
  if ('spec' in request.transport) {
    // A draft the API server would refuse never reaches Traefik, so there is nothing to probe yet.
    const schema = access.transportSchema
      ? await beforeDeadline(access.transportSchema(), deadlineAt)
      : undefined;
    const diagnostics = validate(
      {
        apiVersion: TRAEFIK_API_VERSION,
        kind: SERVERS_TRANSPORT_TCP_KIND,
        metadata: { name: 'draft', namespace },
        spec: request.transport.spec,
      },
      schema ? { schemas: { serversTransportTCP: schema } } : {},
    ).filter((d) => d.severity === 'error' && ADMISSION_SOURCES.includes(d.source));
    if (diagnostics.length > 0) {
      throw new ProbeRequestError(
        422,
        'validation_failed',
        `The draft would be refused by the API server: ${diagnostics[0]!.message} Fix it, then test again.`,
        { diagnostics },
      );
    }
    transport = { namespace, spec: request.transport.spec };
  } else {
    const { name } = request.transport;
    const found = await beforeDeadline(access.getTransport(namespace, name), deadlineAt);
    if (!found.found && found.reason === 'forbidden') {
      throw new ProbeRequestError(
        403,
        'forbidden',
        `You may not read ServersTransportTCP ${namespace}/${name}.`,
      );
    }
    transport = { namespace, name, spec: found.found ? found.value : undefined };
  }
  let material;
  try {
    material = await beforeDeadline(
      loadTlsMaterial(transport.spec?.tls, namespace, access.material),
      deadlineAt,
    );
  } catch (error) {
    if (error instanceof MaterialForbiddenError) {
      throw new ProbeRequestError(403, 'forbidden', error.message, {
        reason: 'secret_forbidden',
        kind: error.kind,
        namespace: error.namespace,
        name: error.objectName,
      });
    }
    throw error;
  }
  const savedName = 'name' in request.transport ? request.transport.name : undefined;
  const usage = access.usage;
  const targets = await beforeDeadline(
    planTargets(
      request.targets,
      {
        ...(access.services ? { services: access.services } : {}),
        ...(access.provider ? { provider: access.provider } : {}),
        ...(usage && savedName ? { usage: () => usage(namespace, savedName) } : {}),
      },
      options.maxTargets ?? 50,
    ),
    deadlineAt,
  );
  options.onPlanned?.(targets.length);
  return boundResponse(await runProbe(transport, material, targets, { ...options, deadlineAt }));
}
