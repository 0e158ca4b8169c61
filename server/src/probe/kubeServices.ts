import {
  CoreV1Api,
  DiscoveryV1Api,
  Observable,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { EndpointSliceInfo, Lookup, ServiceInfo, ServiceSource } from './targets.js';

const READ_TIMEOUT_MS = 10_000;

function status(error: unknown): number | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

function missing(error: unknown): 'not-found' | 'forbidden' {
  const code = status(error);
  if (code === 404) return 'not-found';
  if (code === 401 || code === 403) return 'forbidden';
  throw error;
}

/**
 * Services and EndpointSlices through @kubernetes/client-node. Only for a KubeConfig that carries
 * the user's own credentials (the command line's kubeconfig, a token session): it adds no
 * impersonation headers, so it must not be given the server's own configuration for someone else.
 */
export function kubeServiceSource(config: KubeConfig): ServiceSource {
  const core = config.makeApiClient(CoreV1Api);
  const discovery = config.makeApiClient(DiscoveryV1Api);
  // A read that hangs would hold a probe slot; give up like the rest of the server's reads do.
  const options = (): ConfigurationOptions => {
    const middleware: ObservableMiddleware = {
      pre(context: RequestContext) {
        context.setSignal(AbortSignal.timeout(READ_TIMEOUT_MS));
        return new Observable(Promise.resolve(context));
      },
      post(context: ResponseContext) {
        return new Observable(Promise.resolve(context));
      },
    };
    return { middleware: [middleware], middlewareMergeStrategy: 'append' };
  };
  return {
    async getService(namespace, name): Promise<Lookup<ServiceInfo>> {
      try {
        const service = await core.readNamespacedService({ namespace, name }, options());
        return {
          found: true,
          value: {
            ...(service.spec?.type ? { type: service.spec.type } : {}),
            ...(service.spec?.clusterIP ? { clusterIP: service.spec.clusterIP } : {}),
            ...(service.spec?.externalName ? { externalName: service.spec.externalName } : {}),
            ports: (service.spec?.ports ?? []).map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              port: p.port,
            })),
          },
        };
      } catch (error) {
        return { found: false, reason: missing(error) };
      }
    },
    async listEndpointSlices(namespace, serviceName): Promise<Lookup<EndpointSliceInfo[]>> {
      try {
        const list = await discovery.listNamespacedEndpointSlice(
          { namespace, labelSelector: `kubernetes.io/service-name=${serviceName}` },
          options(),
        );
        return {
          found: true,
          value: list.items.map((slice) => ({
            ports: (slice.ports ?? []).map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              ...(p.port !== undefined ? { port: p.port } : {}),
            })),
            endpoints: slice.endpoints.map((e) => ({
              addresses: e.addresses,
              ...(e.conditions?.ready !== undefined ? { ready: e.conditions.ready } : {}),
            })),
          })),
        };
      } catch (error) {
        const reason = missing(error);
        // No slices readable for a Service that exists reads as no endpoints, unless it is a permission problem.
        return reason === 'forbidden' ? { found: false, reason } : { found: true, value: [] };
      }
    },
  };
}
