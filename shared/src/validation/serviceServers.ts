import type { ServiceTCP } from '../model/index.js';
import { externalNameRefusal, type ProviderSettings } from '../traefik/index.js';
import type { ClusterObjects, ServiceInfo, ServicePortInfo } from './clusterObjects.js';

/** Why the provider does not build one `services[]` entry, found from the objects around the route. */
export interface ServerRefusal {
  code: string;
  /** An error unless the finding rests on the input holding the whole cluster. */
  severity?: 'warning';
  /** The field of the `services[]` entry the refusal is about. */
  field: 'name' | 'namespace' | 'serversTransport' | 'port' | 'nativeLB' | 'nodePortLB';
  /** The error Traefik logs with "Cannot create service". */
  traefikError: string;
  /** Why that happens, in the user's terms. */
  because: string;
  hint: string;
}

const ENABLE_EXTERNAL_NAME =
  "Point the route at a Service with endpoints, or turn on allowExternalNameServices in Traefik's kubernetescrd provider (and in Dialtone with --allow-external-name-services).";

/** Traefik's getServicePort: a number matches `port`, a name matches `name`. */
function servicePort(service: ServiceInfo, port: unknown): ServicePortInfo | undefined | 'external' {
  const found = service.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (found) return found;
  // An ExternalName Service may leave its ports out: a numeric route port is dialled as it is.
  return service.type === 'ExternalName' && typeof port === 'number' ? 'external' : undefined;
}

function endpointRefusal(
  namespace: string,
  name: string,
  port: ServicePortInfo,
  cluster: ClusterObjects,
  settings: ProviderSettings,
): ServerRefusal | undefined {
  if (!cluster.holds('EndpointSlice')) {
    cluster.missing.add('EndpointSlice');
    return undefined;
  }
  // Traefik reads a slice only through a port whose name equals the Service port's name.
  const ready = cluster.endpointSlices(namespace, name).some((slice) => {
    const match = slice.ports.find((p) => p.name !== undefined && p.name === port.name);
    return match !== undefined && match.port !== 0 && slice.readyAddresses.length > 0;
  });
  if (ready || settings.allowEmptyServices) return undefined;
  return {
    code: 'traefik.no-servers',
    field: 'name',
    traefikError: `no servers found for ${namespace}/${name}`,
    because: `the Service has no endpoint with ready: true on a slice port named "${port.name}" in this input, and allowEmptyServices is off (the default)`,
    hint: 'Check that the Service selects running pods and that its port has a name its EndpointSlices carry, or turn on allowEmptyServices to keep the service with no servers.',
  };
}

/**
 * Traefik's loadTCPServers, with the Services, EndpointSlices and Nodes of the input in place of the
 * cluster: undefined when the service is built or when the input lacks what the check needs (which
 * is then noted in `cluster.missing`).
 */
export function serverRefusal(
  namespace: string,
  service: ServiceTCP,
  cluster: ClusterObjects,
  settings: ProviderSettings,
): ServerRefusal | undefined {
  const name = typeof service.name === 'string' ? service.name : '';
  if (!cluster.holds('Service')) {
    cluster.missing.add('Service');
    return undefined;
  }
  const found = cluster.service(namespace, name);
  if (!found) {
    return {
      code: 'traefik.service-not-in-input',
      severity: 'warning',
      field: 'name',
      traefikError: 'service not found',
      because: `no Service ${namespace}/${name} is in this input, which holds other Services (if the cluster has it, this does not apply)`,
      hint: `Create Service ${namespace}/${name}, or lint it together with the route.`,
    };
  }
  if (found.type === 'ExternalName') {
    const refusal = externalNameRefusal(namespace, name, settings);
    if (refusal) {
      return {
        code: refusal.code,
        field: 'name',
        traefikError: refusal.traefikError,
        because: 'allowExternalNameServices is off in its kubernetescrd provider (the default)',
        hint: ENABLE_EXTERNAL_NAME,
      };
    }
  }
  const port = service.port as unknown;
  if (port === undefined || port === 0 || port === '') return undefined;
  const resolved = servicePort(found, port);
  if (resolved === undefined) {
    const known = found.ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ');
    return {
      code: 'traefik.service-port-not-found',
      field: 'port',
      traefikError: `service port not found: ${String(port)}`,
      because: `Service ${namespace}/${name} has no port ${typeof port === 'number' ? 'numbered' : 'named'} ${String(port)}`,
      hint: known
        ? `Use one of its ports: ${known}.`
        : 'Give the Service a port, or point the route at one that has it.',
    };
  }
  if (resolved === 'external' || found.type === 'ExternalName') return undefined;
  if (found.type === 'NodePort' && service.nodePortLB === true) {
    if (settings.disableClusterScopeResources) {
      return {
        code: 'traefik.node-port-lb-without-nodes',
        field: 'nodePortLB',
        traefikError: 'nodes lookup is disabled',
        because: 'disableClusterScopeResources is on, so the provider cannot list Nodes',
        hint: 'Drop nodePortLB to dial the endpoints, or turn off disableClusterScopeResources.',
      };
    }
    if (!cluster.holds('Node')) cluster.missing.add('Node');
    else if (cluster.nodeInternalIPs().length === 0) {
      return {
        code: 'traefik.node-port-lb-without-nodes',
        field: 'nodePortLB',
        traefikError: `no servers were generated for service ${namespace}/${name}`,
        because: 'no Node of this input has an InternalIP address',
        hint: 'Drop nodePortLB to dial the endpoints.',
      };
    }
    return undefined;
  }
  const nativeLB = service.nativeLB ?? settings.nativeLBByDefault ?? false;
  if (nativeLB) {
    // An empty clusterIP in a manifest is one the API server has yet to assign, so only None is known.
    if (found.clusterIP !== 'None') return undefined;
    return {
      code: 'traefik.native-lb-headless',
      field: 'nativeLB',
      traefikError: `getting native Kubernetes Service address: no clusterIP on headless service: ${namespace}/${name}`,
      because: `native load balancing dials the Service's cluster IP, and a headless Service has none${service.nativeLB === undefined ? ' (nativeLBByDefault is on)' : ''}`,
      hint: 'Set nativeLB: false on this service to dial its endpoints, or give the Service a cluster IP.',
    };
  }
  return endpointRefusal(namespace, name, resolved, cluster, settings);
}
