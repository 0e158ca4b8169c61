import type {
  ClusterKind,
  ClusterObjects,
  EndpointSliceInfo,
  ServiceInfo,
  TransportUsage,
} from '@dialtone/shared';
import {
  KubeApiError,
  type EndpointSliceSummary,
  type KubeClient,
  type ServiceSummary,
} from '../clusters/index.js';

/** Past this many distinct Services, the checks that read them are left out rather than slow the page. */
const MAX_SERVICES = 32;

type Reader = Pick<KubeClient, 'readService' | 'listEndpointSlices'>;

function serviceInfo(summary: ServiceSummary): ServiceInfo {
  return {
    // The API server defaults an unset type to ClusterIP, as clusterObjectsOf assumes for manifests.
    type: summary.type ?? 'ClusterIP',
    clusterIP: summary.clusterIP ?? '',
    ports: summary.ports.map((p) => ({ name: p.name ?? '', port: p.port, nodePort: p.nodePort ?? 0 })),
  };
}

function sliceInfo(slice: EndpointSliceSummary): EndpointSliceInfo {
  return {
    ports: slice.ports.map((p) => ({ name: p.name, port: p.port ?? 0 })),
    readyAddresses: slice.endpoints.filter((e) => e.ready === true).flatMap((e) => e.addresses),
  };
}

/** A read's value, `absent` for 404, or undefined where the user may not read it or the read failed. */
async function attempt<T>(read: () => Promise<T>): Promise<T | 'absent' | undefined> {
  try {
    return await read();
  } catch (error) {
    return error instanceof KubeApiError && error.status === 404 ? 'absent' : undefined;
  }
}

/**
 * The Services and EndpointSlices behind the given route services, read as the user, in the shape
 * the shared route checks read a manifest folder: a kind is held only when every read of it gave a
 * definite answer, so a Service the user may not read leaves the check out instead of guessing.
 * Nodes are not read: the nodePortLB check is left out.
 */
export async function liveClusterObjects(
  client: Reader,
  usage: readonly TransportUsage[],
): Promise<ClusterObjects> {
  const keys = [...new Set(usage.map((u) => `${u.service.namespace}/${u.service.name}`))];
  const services = new Map<string, ServiceInfo>();
  const slices = new Map<string, EndpointSliceInfo[]>();
  const held = new Set<ClusterKind>();
  if (keys.length <= MAX_SERVICES) {
    const reads = await Promise.all(
      keys.map(async (key) => {
        const [namespace = '', name = ''] = key.split('/');
        const [service, list] = await Promise.all([
          attempt(() => client.readService(namespace, name)),
          attempt(() => client.listEndpointSlices(namespace, name)),
        ]);
        return { key, service, list };
      }),
    );
    if (reads.every((r) => r.service !== undefined)) held.add('Service');
    if (reads.every((r) => r.list !== undefined)) held.add('EndpointSlice');
    for (const { key, service, list } of reads) {
      if (service !== undefined && service !== 'absent') services.set(key, serviceInfo(service));
      if (list !== undefined && list !== 'absent') slices.set(key, list.map(sliceInfo));
    }
  }
  return {
    service: (namespace, name) => services.get(`${namespace}/${name}`),
    endpointSlices: (namespace, name) => slices.get(`${namespace}/${name}`) ?? [],
    nodeInternalIPs: () => [],
    holds: (kind) => held.has(kind),
    missing: new Set(),
  };
}
