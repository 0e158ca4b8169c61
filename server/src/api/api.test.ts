import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClustersResponse, NamespacesResponse, SchemaResponse, SessionResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { startHarness, type Harness } from './testing.js';

describe('clusters, namespaces, schema and session', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h.close());

  it('says where the clusters come from in the session', async () => {
    const body = (await (await fetch(`${h.url}${apiPaths.session()}`)).json()) as SessionResponse;
    expect(body).toMatchObject({ authenticated: true, authMode: 'local', clusterSource: 'test cluster' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('lists the clusters with reachability, Traefik CRDs and the optional fields of the installed schema', async () => {
    const body = (await (await fetch(`${h.url}${apiPaths.clusters()}`)).json()) as ClustersResponse;
    expect(body.defaultCluster).toBe(h.cluster);
    expect(body.clusters).toEqual([
      {
        name: h.cluster,
        source: 'kubeconfig',
        server: h.local.url,
        reachable: true,
        traefikCrds: {
          serversTransportTCP: true,
          ingressRouteTCP: true,
          optionalFields: expect.arrayContaining(['proxyProtocol', 'tls.rootCAs', 'tls.spiffe']) as unknown,
        },
      },
    ]);
  });

  it('lists namespaces', async () => {
    const body = (await (
      await fetch(`${h.url}${apiPaths.namespaces(h.cluster)}`)
    ).json()) as NamespacesResponse;
    expect(body.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
    // The kubeconfig's administrator may create transports everywhere.
    expect(body.namespaces.every((n) => n.createTransports)).toBe(true);
  });

  it('serves the schema built from the installed CRD', async () => {
    const response = await fetch(`${h.url}${apiPaths.schema(h.cluster)}`);
    const body = (await response.json()) as SchemaResponse;
    expect(body).toMatchObject({
      origin: 'cluster',
      group: 'traefik.io',
      version: 'v1alpha1',
      kind: 'ServersTransportTCP',
    });
    expect(body.schema.properties?.['spec']?.properties?.['dialTimeout']).toBeDefined();
  });

  it('says plainly why a stopped cluster cannot be used, and falls back to the bundled schema', async () => {
    await h.stopCluster();
    try {
      const clusters = (await (await fetch(`${h.url}${apiPaths.clusters()}`)).json()) as ClustersResponse;
      expect(clusters.clusters[0]).toMatchObject({
        reachable: false,
        unreachableReason: expect.stringContaining('cannot reach') as unknown,
      });
      const schema = (await (await fetch(`${h.url}${apiPaths.schema(h.cluster)}`)).json()) as SchemaResponse;
      expect(schema.origin).toBe('bundled');
      expect(schema.reason).toContain('could not be read');
      const namespaces = await fetch(`${h.url}${apiPaths.namespaces(h.cluster)}`);
      expect(namespaces.status).toBe(503);
      expect(await namespaces.json()).toMatchObject({ error: { code: 'cluster_unreachable' } });
    } finally {
      await h.startCluster();
    }
  });
});
