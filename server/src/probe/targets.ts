import type { EndpointSliceSummary, ServiceSummary } from '../clusters/index.js';
import {
  DEFAULT_PROVIDER_SETTINGS,
  externalNameRefusal,
  type ProbeOutcome,
  type ProbeTarget,
  type ProbeTargetResult,
  type ProviderSettings,
} from '@dialtone/shared';
import type { PlannedTarget } from './engine.js';
import {
  InvalidTargetError,
  joinHostPort,
  parseAddress,
  parseHost,
  parsePort,
  printable,
} from './targetAddress.js';

/** What the probe needs of a Service and its EndpointSlices: the cluster layer's own summaries. */
export type ServiceInfo = ServiceSummary;
export type EndpointSliceInfo = EndpointSliceSummary;

export type Lookup<T> = { found: true; value: T } | { found: false; reason: 'not-found' | 'forbidden' };

/** Services and EndpointSlices, read with the requesting user's identity. */
export interface ServiceSource {
  getService(namespace: string, name: string): Promise<Lookup<ServiceInfo>>;
  /** The slices labelled `kubernetes.io/service-name=<name>`. */
  listEndpointSlices(namespace: string, serviceName: string): Promise<Lookup<EndpointSliceInfo[]>>;
  /** The nodes' InternalIP addresses, for nodePortLB; absent where nodes cannot be read. */
  listNodeAddresses?(): Promise<Lookup<string[]>>;
}

/** A backend of an IngressRouteTCP that uses the transport. */
export interface TransportBackend {
  route: { namespace: string; name: string };
  service: { namespace: string; name: string; port: number | string };
  tls: boolean;
  nativeLB?: boolean;
  nodePortLB?: boolean;
}

/** Something about the request itself is wrong; the route answers with this status and nothing is dialled. */
export class ProbeRequestError extends Error {
  override readonly name = 'ProbeRequestError';
  constructor(
    readonly status: number,
    readonly code: 'bad_request' | 'forbidden' | 'not_found' | 'cluster_unreachable' | 'validation_failed',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type ServiceTarget = Extract<ProbeTarget, { service: unknown }> & { nodePortLB?: boolean };
type Requested = ProbeTarget & { nodePortLB?: boolean; route?: { namespace: string; name: string } };

function unresolved(
  target: ProbeTargetResult['target'],
  address: string,
  outcome: ProbeOutcome,
  title: string,
  message: string,
  nextStep: string,
): PlannedTarget {
  return { kind: 'unresolved', target, address, outcome, title, message, nextStep };
}

/** nodePortLB: every node's InternalIP with the Service port's NodePort, as Traefik's loadTCPServers. */
async function nodePortTargets(
  services: ServiceSource,
  nodePort: number | undefined,
  echo: ProbeTargetResult['target'],
  shown: string,
  notes: string[],
  tls: boolean,
): Promise<PlannedTarget[]> {
  const nodes = services.listNodeAddresses ? await services.listNodeAddresses() : undefined;
  if (nodes && !nodes.found && nodes.reason === 'forbidden') {
    throw new ProbeRequestError(
      403,
      'forbidden',
      'You may not list nodes, so the probe cannot find the addresses nodePortLB sends traffic to.',
    );
  }
  const addresses = nodes?.found ? nodes.value : [];
  if (addresses.length === 0 || !nodePort) {
    return [
      unresolved(
        echo,
        shown,
        'dns_failed',
        'No node address to dial',
        `no servers were generated for service ${shown} (nodePortLB needs node InternalIP addresses and a NodePort)`,
        "Check that the cluster's nodes report an InternalIP, or turn nodePortLB off.",
      ),
    ];
  }
  return addresses.map((address) => ({
    kind: 'dial' as const,
    target: echo,
    host: parseHost(address).host,
    port: nodePort,
    tls,
    derived: true,
    notes,
  }));
}

/**
 * A Service the way Traefik's kubernetescrd provider turns it into TCP servers: the Service port by
 * number or name; ExternalName Services refused unless allowExternalNameServices, else name:port;
 * the node addresses with the NodePort under nodePortLB; the ClusterIP with nativeLB; otherwise every
 * endpoint whose ready condition is true, on the endpoint port named exactly like the Service port.
 */
async function serviceTargets(
  target: ServiceTarget & { route?: { namespace: string; name: string } },
  services: ServiceSource,
  provider: ProviderSettings,
  echo: ProbeTargetResult['target'] = target,
  notes: string[] = [],
): Promise<PlannedTarget[]> {
  const { namespace, name, port } = target.service;
  const shown = `${namespace}/${name}:${port}`;
  const tls = target.tls === true;
  if (namespace === 'default' && name === 'kubernetes') {
    return [
      unresolved(
        echo,
        shown,
        'blocked_by_policy',
        'Not probed: the target policy refuses the API server',
        'default/kubernetes is the Kubernetes API server.',
        'Probe a workload Service.',
      ),
    ];
  }
  const service = await services.getService(namespace, name);
  if (!service.found) {
    if (service.reason === 'forbidden') {
      throw new ProbeRequestError(
        403,
        'forbidden',
        `You may not read Service ${namespace}/${name}, so the probe does not dial it.`,
      );
    }
    return [
      unresolved(
        echo,
        shown,
        'dns_failed',
        'The Service does not exist',
        `kubernetes service not found: ${namespace}/${name}`,
        `Create Service ${namespace}/${name}, or fix the route's services[].name.`,
      ),
    ];
  }
  const spec = service.value;
  const servicePort =
    typeof port === 'number'
      ? spec.ports.find((p) => p.port === port)
      : spec.ports.find((p) => p.name === port);
  if (spec.type === 'ExternalName') {
    const refusal = externalNameRefusal(namespace, name, provider);
    if (refusal) {
      return [
        unresolved(
          echo,
          shown,
          'build_failed',
          'Traefik refuses ExternalName Services',
          `${refusal.traefikError}: Traefik does not create this service while allowExternalNameServices is off (its default), so it never dials ${printable(spec.externalName ?? '')}.`,
          "Point the route at a Service with endpoints, or turn on allowExternalNameServices in Traefik's kubernetescrd provider and start Dialtone with --allow-external-name-services.",
        ),
      ];
    }
    const external = spec.externalName ?? '';
    const portNumber = servicePort?.port ?? (typeof port === 'number' ? port : undefined);
    if (portNumber === undefined) {
      return [
        unresolved(
          echo,
          shown,
          'dns_failed',
          'The Service port does not exist',
          `service port not found: ${port}`,
          'Use the port number for an ExternalName Service.',
        ),
      ];
    }
    let host;
    try {
      host = parseHost(external);
    } catch {
      return [
        unresolved(
          echo,
          shown,
          'dns_failed',
          'The ExternalName is not a host name',
          `externalName "${printable(external)}" is not a host name`,
          'Fix spec.externalName of the Service.',
        ),
      ];
    }
    return [{ kind: 'dial', target: echo, host: host.host, port: portNumber, tls, derived: true, notes }];
  }
  if (!servicePort) {
    return [
      unresolved(
        echo,
        shown,
        'dns_failed',
        'The Service port does not exist',
        `service port not found: ${port}`,
        `Use one of the Service's ports: ${spec.ports.map((p) => p.name || p.port).join(', ') || 'it has none'}.`,
      ),
    ];
  }
  if (spec.type === 'NodePort' && target.nodePortLB) {
    if (provider.disableClusterScopeResources) {
      return [
        unresolved(
          echo,
          shown,
          'dns_failed',
          'Traefik does not look up nodes',
          'nodes lookup is disabled: disableClusterScopeResources is on, so Traefik builds no servers for nodePortLB',
          "Turn nodePortLB off for this service, or turn disableClusterScopeResources off in Traefik's kubernetescrd provider (and in Dialtone).",
        ),
      ];
    }
    return nodePortTargets(services, servicePort.nodePort, echo, shown, notes, tls);
  }
  // A route's nativeLB wins; without one, Traefik's nativeLBByDefault decides.
  if (target.nativeLB ?? provider.nativeLBByDefault) {
    if (!spec.clusterIP || spec.clusterIP === 'None') {
      return [
        unresolved(
          echo,
          shown,
          'dns_failed',
          'The Service has no ClusterIP',
          `no clusterIP on headless service: ${namespace}/${name}`,
          'Turn nativeLB off for a headless Service.',
        ),
      ];
    }
    return [
      {
        kind: 'dial',
        target: echo,
        host: parseHost(spec.clusterIP).host,
        port: servicePort.port,
        tls,
        derived: true,
        notes,
      },
    ];
  }
  const slices = await services.listEndpointSlices(namespace, name);
  if (!slices.found) {
    throw new ProbeRequestError(
      403,
      'forbidden',
      `You may not read the EndpointSlices of Service ${namespace}/${name}, so the probe does not dial it.`,
    );
  }
  const out: PlannedTarget[] = [];
  const seen = new Set<string>();
  for (const slice of slices.value) {
    // Traefik compares names, and skips a slice port whose name is unset (not even "").
    const endpointPort = slice.ports.find((p) => p.name !== undefined && p.name === (servicePort.name ?? ''));
    if (!endpointPort?.port) continue;
    for (const endpoint of slice.endpoints) {
      // Traefik dials only endpoints whose ready condition is set and true.
      if (endpoint.ready !== true) continue;
      for (const address of endpoint.addresses) {
        const key = joinHostPort(address, endpointPort.port);
        if (seen.has(key)) continue;
        seen.add(key);
        try {
          out.push({
            kind: 'dial',
            target: echo,
            host: parseHost(address).host,
            port: endpointPort.port,
            tls,
            derived: true,
            notes,
          });
        } catch {
          // An endpoint address that is not an IP is not something Traefik can dial either.
        }
      }
    }
  }
  if (out.length === 0) {
    return [
      unresolved(
        echo,
        shown,
        'dns_failed',
        'The Service has no ready endpoints',
        provider.allowEmptyServices
          ? `no ready endpoints for service ${namespace}/${name}: with allowEmptyServices Traefik keeps the service without servers, so every connection to it fails`
          : `no ready endpoints for service ${namespace}/${name}`,
        "Check the Service's selector and that its pods are ready.",
      ),
    ];
  }
  return out;
}

export interface TargetSources {
  services?: ServiceSource;
  /** Traefik's kubernetescrd provider options; Traefik's defaults when absent. */
  provider?: ProviderSettings;
  /** Every backend of every IngressRouteTCP that uses the transport. */
  usage?: () => Promise<TransportBackend[]>;
}

const SERVICE_DNS_NAME =
  /^(?<name>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.(?<namespace>[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.cluster\.local)?\.?$/;

/** Turns the request's targets into addresses to dial; bad input throws ProbeRequestError. */
export async function planTargets(
  requested: readonly ProbeTarget[] | 'usage',
  sources: TargetSources,
  maxTargets: number,
): Promise<PlannedTarget[]> {
  const provider = sources.provider ?? DEFAULT_PROVIDER_SETTINGS;
  let list: Requested[];
  if (requested === 'usage') {
    if (!sources.usage)
      throw new ProbeRequestError(400, 'bad_request', 'Probing every route backend needs a saved transport.');
    list = (await sources.usage()).map((b) => ({
      service: b.service,
      tls: b.tls,
      // An explicit nativeLB: false matters when nativeLBByDefault is on.
      ...(b.nativeLB !== undefined ? { nativeLB: b.nativeLB } : {}),
      ...(b.nodePortLB ? { nodePortLB: true } : {}),
      route: b.route,
    }));
    if (list.length === 0) {
      throw new ProbeRequestError(
        400,
        'bad_request',
        'No IngressRouteTCP uses this transport. Name targets explicitly.',
      );
    }
  } else {
    list = [...requested];
  }
  if (list.length === 0) throw new ProbeRequestError(400, 'bad_request', 'Give at least one target.');
  if (list.length > maxTargets) {
    throw new ProbeRequestError(
      400,
      'bad_request',
      `At most ${maxTargets} targets per probe; this one has ${list.length}.`,
    );
  }
  const planned: PlannedTarget[] = [];
  for (const target of list) {
    try {
      if ('address' in target) {
        const parsed = parseAddress(target.address);
        const inCluster = SERVICE_DNS_NAME.exec(parsed.host);
        if (inCluster && sources.services) {
          // Traefik dials a Service's endpoints, never its DNS name; read the name as that Service.
          const service = {
            namespace: inCluster.groups!['namespace']!,
            name: inCluster.groups!['name']!,
            port: parsed.port,
          };
          planned.push(
            ...(await serviceTargets(
              { service, tls: target.tls === true },
              sources.services,
              provider,
              target,
              [
                `${parsed.host} was read as Service ${service.namespace}/${service.name}, port ${service.port}: Traefik dials its ready endpoints, not the name.`,
              ],
            )),
          );
        } else {
          planned.push({
            kind: 'dial',
            target,
            host: parsed.host,
            port: parsed.port,
            tls: target.tls === true,
            derived: false,
          });
        }
      } else {
        if (!sources.services) {
          throw new ProbeRequestError(
            501,
            'bad_request',
            'Service targets are not available on this server yet; probe an address.',
          );
        }
        if (typeof target.service.port === 'number') parsePort(target.service.port);
        planned.push(...(await serviceTargets(target, sources.services, provider)));
      }
    } catch (error) {
      if (error instanceof InvalidTargetError) {
        throw new ProbeRequestError(400, 'bad_request', error.message, { reason: 'invalid_target' });
      }
      throw error;
    }
    if (planned.length > maxTargets) {
      throw new ProbeRequestError(
        400,
        'bad_request',
        `These targets expand to more than ${maxTargets} addresses; probe fewer at once.`,
      );
    }
  }
  return planned;
}
