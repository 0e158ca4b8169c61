import {
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  VersionApi,
  Watch,
  type ConfigurationOptions,
  Observable,
  type KubeConfig,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type * as https from 'node:https';
import { toKubeError } from './kubeErrors.js';

/** Group, version and plural of a custom resource kind. */
export interface ResourceKind {
  group: string;
  version: string;
  plural: string;
}

/** Any Kubernetes object as JSON; callers narrow it with the shared model types. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ServiceSummary {
  type?: string;
  clusterIP?: string;
  externalName?: string;
  ports: { name?: string; port: number; nodePort?: number }[];
}

export interface EndpointSliceSummary {
  /** `name` is absent only where the slice leaves it unset, which Traefik treats as no match. */
  ports: { name?: string; port?: number }[];
  endpoints: { addresses: string[]; ready?: boolean }[];
}

export interface KubeList {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
}

export interface WriteResult {
  object: KubeObject;
  /** `Warning` headers of the answer, without the `299 -` envelope. */
  warnings: string[];
}

export interface AccessAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export type WatchCallback = (type: string, object: KubeObject) => void;

// Reads should answer quickly or tell the user the cluster is slow; writes get longer, and then a re-read.
export const READ_TIMEOUT_MS = 10_000;
export const WRITE_TIMEOUT_MS = 15_000;

/** Extra headers on every request, e.g. impersonation; the kubeconfig's own credentials still apply. */
export type ExtraHeaders = Record<string, string>;

export interface Timeouts {
  readMs: number;
  writeMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { readMs: READ_TIMEOUT_MS, writeMs: WRITE_TIMEOUT_MS };

function requestOptions(timeoutMs: number, headers: ExtraHeaders): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre(context: RequestContext) {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      for (const [name, value] of Object.entries(headers)) context.setHeaderParam(name, value);
      return new Observable(Promise.resolve(context));
    },
    post(context: ResponseContext) {
      return new Observable(Promise.resolve(context));
    },
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/** `299 - "text"` entries of the Warning header, unquoted. */
function parseWarnings(header: string | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  const pattern = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;
  for (const match of header.matchAll(pattern)) out.push((match[1] ?? '').replace(/\\(.)/g, '$1'));
  return out;
}

function asObject(value: unknown): KubeObject {
  return value as KubeObject;
}

function asList(value: unknown): KubeList {
  const list = value as { items?: unknown; metadata?: { resourceVersion?: string; continue?: string } };
  return {
    items: Array.isArray(list.items) ? (list.items as KubeObject[]) : [],
    resourceVersion: list.metadata?.resourceVersion ?? '',
    ...(list.metadata?.continue ? { continueToken: list.metadata.continue } : {}),
  };
}

/**
 * Every Kubernetes call the server makes, for one identity on one cluster, through
 * @kubernetes/client-node (DESIGN.md rule 1). Errors come out as KubeApiError or ClusterUnreachableError.
 */
export class KubeClient {
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;
  private readonly discovery: DiscoveryV1Api;
  private readonly authz: AuthorizationV1Api;
  private readonly authn: AuthenticationV1Api;
  private readonly versionApi: VersionApi;
  readonly server: string;

  constructor(
    readonly config: KubeConfig,
    private readonly headers: ExtraHeaders = {},
    private readonly timeouts: Timeouts = DEFAULT_TIMEOUTS,
  ) {
    this.custom = config.makeApiClient(CustomObjectsApi);
    this.core = config.makeApiClient(CoreV1Api);
    this.discovery = config.makeApiClient(DiscoveryV1Api);
    this.authz = config.makeApiClient(AuthorizationV1Api);
    this.authn = config.makeApiClient(AuthenticationV1Api);
    this.versionApi = config.makeApiClient(VersionApi);
    this.server = config.getCurrentCluster()?.server ?? '';
  }

  private async call<T>(
    run: (options: ConfigurationOptions) => Promise<T>,
    timeoutMs = this.timeouts.readMs,
  ): Promise<T> {
    try {
      return await run(requestOptions(timeoutMs, this.headers));
    } catch (error) {
      throw toKubeError(error, this.server);
    }
  }

  version(): Promise<{ gitVersion: string }> {
    return this.call((o) => this.versionApi.getCode(o), 5_000);
  }

  async list(
    kind: ResourceKind,
    options: { namespace?: string; limit?: number; continueToken?: string; resourceVersion?: string } = {},
  ): Promise<KubeList> {
    const common = {
      ...kind,
      ...(options.limit ? { limit: options.limit } : {}),
      ...(options.continueToken ? { _continue: options.continueToken } : {}),
      ...(options.resourceVersion !== undefined ? { resourceVersion: options.resourceVersion } : {}),
    };
    const result = await this.call((o) =>
      options.namespace
        ? this.custom.listNamespacedCustomObject({ ...common, namespace: options.namespace }, o)
        : this.custom.listClusterCustomObject(common, o),
    );
    return asList(result);
  }

  /** Every page of a list, 500 at a time as client-go's pager does. */
  async listAll(kind: ResourceKind, namespace?: string): Promise<KubeList> {
    const ns = namespace ? { namespace } : {};
    let page = await this.list(kind, { limit: 500, ...ns });
    const items = [...page.items];
    while (page.continueToken) {
      page = await this.list(kind, { limit: 500, continueToken: page.continueToken, ...ns });
      items.push(...page.items);
    }
    return { items, resourceVersion: page.resourceVersion };
  }

  async get(kind: ResourceKind, namespace: string, name: string): Promise<KubeObject> {
    return asObject(
      await this.call((o) => this.custom.getNamespacedCustomObject({ ...kind, namespace, name }, o)),
    );
  }

  async create(
    kind: ResourceKind,
    namespace: string,
    body: KubeObject,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    const info = await this.call(
      (o) =>
        this.custom.createNamespacedCustomObjectWithHttpInfo(
          {
            ...kind,
            namespace,
            body,
            fieldValidation: 'Strict',
            ...(options.dryRun ? { dryRun: 'All' } : {}),
          },
          o,
        ),
      this.timeouts.writeMs,
    );
    return { object: asObject(info.data), warnings: parseWarnings(info.headers['warning']) };
  }

  async replace(
    kind: ResourceKind,
    namespace: string,
    name: string,
    body: KubeObject,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    const info = await this.call(
      (o) =>
        this.custom.replaceNamespacedCustomObjectWithHttpInfo(
          {
            ...kind,
            namespace,
            name,
            body,
            fieldValidation: 'Strict',
            ...(options.dryRun ? { dryRun: 'All' } : {}),
          },
          o,
        ),
      this.timeouts.writeMs,
    );
    return { object: asObject(info.data), warnings: parseWarnings(info.headers['warning']) };
  }

  async delete(
    kind: ResourceKind,
    namespace: string,
    name: string,
    resourceVersion: string,
    options: WriteOptions = {},
  ): Promise<void> {
    await this.call(
      (o) =>
        this.custom.deleteNamespacedCustomObject(
          {
            ...kind,
            namespace,
            name,
            // In the body, not the query: the API server ignores query options once a body is sent.
            body: { preconditions: { resourceVersion }, ...(options.dryRun ? { dryRun: ['All'] } : {}) },
          },
          o,
        ),
      this.timeouts.writeMs,
    );
  }

  /** The CRD as the API server sent it: the typed model would rename `x-kubernetes-*` keys. */
  async readCrd(name: string): Promise<unknown> {
    return this.call((o) =>
      this.custom.getClusterCustomObject(
        { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', name },
        o,
      ),
    );
  }

  async listNamespaces(): Promise<string[]> {
    const list = await this.call((o) => this.core.listNamespace({}, o));
    return list.items.map((n) => n.metadata?.name ?? '').filter((n) => n !== '');
  }

  /** A Secret's data, which must stay inside the server: callers keep only key names and certificate facts. */
  async readSecret(
    namespace: string,
    name: string,
  ): Promise<{ type?: string; data: Record<string, string>; labels: Record<string, string> }> {
    const secret = await this.call((o) => this.core.readNamespacedSecret({ namespace, name }, o));
    return {
      ...(secret.type ? { type: secret.type } : {}),
      data: secret.data ?? {},
      labels: secret.metadata?.labels ?? {},
    };
  }

  async readConfigMap(
    namespace: string,
    name: string,
  ): Promise<{ data: Record<string, string>; labels: Record<string, string> }> {
    const map = await this.call((o) => this.core.readNamespacedConfigMap({ namespace, name }, o));
    return { data: map.data ?? {}, labels: map.metadata?.labels ?? {} };
  }

  async listSecrets(
    namespace: string,
  ): Promise<
    { name: string; type?: string; data: Record<string, string>; labels: Record<string, string> }[]
  > {
    const list = await this.call((o) => this.core.listNamespacedSecret({ namespace }, o));
    return list.items.map((s) => ({
      name: s.metadata?.name ?? '',
      ...(s.type ? { type: s.type } : {}),
      data: s.data ?? {},
      labels: s.metadata?.labels ?? {},
    }));
  }

  async listConfigMaps(
    namespace: string,
  ): Promise<{ name: string; data: Record<string, string>; labels: Record<string, string> }[]> {
    const list = await this.call((o) => this.core.listNamespacedConfigMap({ namespace }, o));
    return list.items.map((m) => ({
      name: m.metadata?.name ?? '',
      data: m.data ?? {},
      labels: m.metadata?.labels ?? {},
    }));
  }

  /** A Service's type, addresses and ports: what Traefik needs to find a backend's endpoints. */
  async readService(namespace: string, name: string): Promise<ServiceSummary> {
    const service = await this.call((o) => this.core.readNamespacedService({ namespace, name }, o));
    const spec = service.spec;
    return {
      ...(spec?.type ? { type: spec.type } : {}),
      ...(spec?.clusterIP ? { clusterIP: spec.clusterIP } : {}),
      ...(spec?.externalName ? { externalName: spec.externalName } : {}),
      ports: (spec?.ports ?? []).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        ...(p.nodePort ? { nodePort: p.nodePort } : {}),
      })),
    };
  }

  /** The InternalIP addresses of every node: where Traefik sends nodePortLB traffic. */
  async listNodeInternalIPs(): Promise<string[]> {
    const list = await this.call((o) => this.core.listNode({}, o));
    return list.items.flatMap((node) =>
      (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address),
    );
  }

  /** The EndpointSlices of a Service (label `kubernetes.io/service-name`). */
  async listEndpointSlices(namespace: string, serviceName: string): Promise<EndpointSliceSummary[]> {
    const list = await this.call((o) =>
      this.discovery.listNamespacedEndpointSlice(
        { namespace, labelSelector: `kubernetes.io/service-name=${serviceName}` },
        o,
      ),
    );
    return list.items.map((slice) => ({
      ports: (slice.ports ?? []).map((p) => ({
        ...(typeof p.name === 'string' ? { name: p.name } : {}),
        ...(p.port !== undefined ? { port: p.port } : {}),
      })),
      endpoints: slice.endpoints.map((e) => ({
        addresses: e.addresses,
        ...(e.conditions?.ready !== undefined ? { ready: e.conditions.ready } : {}),
      })),
    }));
  }

  /**
   * Where and how to send a GET through the API server's service proxy as this identity: the URL
   * and the kubeconfig's TLS and credentials with this client's extra headers. The caller reads the
   * answer itself, so it can bound its size and time, which client-node's typed call cannot.
   */
  async serviceProxyRequest(
    namespace: string,
    service: string,
    port: string,
    path: string,
  ): Promise<{ url: URL; options: https.RequestOptions }> {
    const base = this.server.replace(/\/+$/, '');
    const url = new URL(
      `${base}/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${`${encodeURIComponent(service)}:${encodeURIComponent(port)}`}/proxy${path}`,
    );
    const options: https.RequestOptions = { headers: {} };
    await this.config.applyToHTTPSOptions(options);
    options.headers = { ...options.headers, ...this.headers, accept: 'application/json' };
    return { url, options };
  }

  /** Services carrying a label, across the namespaces the identity may list. */
  async listServicesWithLabel(
    labelSelector: string,
  ): Promise<{ namespace: string; name: string; ports: { name?: string; port: number }[] }[]> {
    const list = await this.call((o) => this.core.listServiceForAllNamespaces({ labelSelector }, o));
    return list.items.map((s) => ({
      namespace: s.metadata?.namespace ?? '',
      name: s.metadata?.name ?? '',
      ports: (s.spec?.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port })),
    }));
  }

  /** Who the API server takes this client for (SelfSubjectReview, Kubernetes 1.28+). */
  async whoAmI(): Promise<{ user: string; groups: string[] }> {
    const review = await this.call((o) => this.authn.createSelfSubjectReview({ body: {} }, o));
    const info = review.status?.userInfo;
    return { user: info?.username ?? '', groups: info?.groups ?? [] };
  }

  async accessReview(attributes: AccessAttributes): Promise<boolean> {
    const review = await this.call((o) =>
      this.authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: attributes } } }, o),
    );
    return review.status?.allowed === true;
  }

  /**
   * Opens a watch; resolves once the API server accepted it, with a function that stops it. `done` gets
   * the reason the stream ended (null when the server closed it normally).
   */
  async watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    onEvent: WatchCallback,
    done: (error: unknown) => void,
  ): Promise<() => void> {
    const watcher = new Watch(this.config);
    const controller = await watcher.watch(
      path,
      params,
      (type: string, object: unknown) => onEvent(type, object as KubeObject),
      (error: unknown) => done(error ? toKubeError(error, this.server) : null),
    );
    return () => controller.abort();
  }
}
