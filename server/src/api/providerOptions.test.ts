import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, type DocumentsResponse, type TransportDetail } from '@dialtone/shared';
import { ROUTE_KIND, TRANSPORT_KIND } from '../clusters/index.js';
import { parseServeOptions } from '../cli/serveOptions.js';
import {
  serveApi,
  startHarness,
  transportObject,
  yamlRequest,
  type Harness,
  type ServedApi,
} from './testing.js';

/** A route of namespace shop that reaches ops/db-tls with the cross-namespace `@kubernetescrd` form. */
const ROUTE = `apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  namespace: shop
  name: orders
spec:
  routes:
    - match: HostSNI(\`*\`)
      services:
        - name: orders-db
          port: 5432
          serversTransport: ops-db-tls@kubernetescrd
`;

const ROUTE_OBJECT = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRouteTCP',
  metadata: { namespace: 'shop', name: 'orders' },
  spec: {
    routes: [
      {
        match: 'HostSNI(`*`)',
        services: [{ name: 'orders-db', port: 5432, serversTransport: 'ops-db-tls@kubernetescrd' }],
      },
    ],
  },
};

describe("the server applies Traefik's provider options it was started with", () => {
  let open: Harness;
  // The same cluster, served as `dialtone serve --allow-cross-namespace --cross-provider-namespaces ops`.
  let restricted: ServedApi;

  beforeAll(async () => {
    open = await startHarness({ provider: parseServeOptions(['--allow-cross-namespace']).provider });
    const config = new KubeConfig();
    config.loadFromString(open.local.kubeconfigYaml);
    const { provider } = parseServeOptions(['--allow-cross-namespace', '--cross-provider-namespaces', 'ops']);
    restricted = await serveApi(config, { provider });
    for (const name of ['ops', 'shop']) {
      await open.clusterFetch('/api/v1/namespaces', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
      });
    }
    await open.kube.create(TRANSPORT_KIND, 'ops', transportObject('ops', 'db-tls'));
    await open.kube.create(ROUTE_KIND, 'shop', ROUTE_OBJECT);
  });

  afterAll(async () => {
    await restricted?.close();
    await open?.close();
  });

  async function detail(url: string): Promise<TransportDetail> {
    const response = await fetch(`${url}${apiPaths.transport(open.cluster, 'ops', 'db-tls')}`);
    expect(response.status).toBe(200);
    return (await response.json()) as TransportDetail;
  }

  async function routeCodes(url: string): Promise<string[]> {
    const response = await fetch(`${url}${apiPaths.validate(open.cluster)}`, yamlRequest('POST', ROUTE));
    const body = (await response.json()) as DocumentsResponse;
    return body.documents.flatMap((d) => d.diagnostics.map((x) => x.code));
  }

  it('counts the route as a user of the transport only where crossProviderNamespaces lets shop reference it', async () => {
    expect((await detail(open.url)).usage.map((u) => `${u.route.namespace}/${u.route.name}`)).toEqual([
      'shop/orders',
    ]);
    // Traefik refuses the reference from shop, so it never dials with ops/db-tls for this route.
    expect((await detail(restricted.url)).usage).toEqual([]);
  });

  it('validates a route document with the same options, saying what Traefik refuses', async () => {
    expect(await routeCodes(open.url)).not.toContain('traefik.cross-provider-transport');
    expect(await routeCodes(restricted.url)).toContain('traefik.cross-provider-transport');
  });
});
