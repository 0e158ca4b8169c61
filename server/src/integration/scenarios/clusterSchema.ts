import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClustersResponse, NamespacesResponse, SchemaResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import type { ClusterUnderTest } from '../clusterUnderTest.js';
import { startDialtoneOn, type DialtoneOnCluster } from '../dialtone.js';

/** What Dialtone reads about the cluster itself: reachability, Traefik's CRDs and their schema, namespaces. */
export function clusterSchemaScenarios(target: () => ClusterUnderTest): void {
  describe('the cluster, its namespaces and the CRD schema read from it', () => {
    let h: DialtoneOnCluster;

    beforeAll(async () => {
      h = await startDialtoneOn(target());
    });

    afterAll(() => h.close());

    it('lists the cluster with reachability, Traefik CRDs and the optional fields of the installed schema', async () => {
      const body = (await (await fetch(`${h.url}${apiPaths.clusters()}`)).json()) as ClustersResponse;
      expect(body.defaultCluster).toBe(h.cluster);
      expect(body.clusters).toEqual([
        {
          name: h.cluster,
          source: 'kubeconfig',
          server: target().url,
          reachable: true,
          traefikCrds: {
            serversTransportTCP: true,
            ingressRouteTCP: true,
            optionalFields: expect.arrayContaining(['proxyProtocol', 'tls.rootCAs', 'tls.spiffe']) as unknown,
          },
        },
      ]);
    });

    it('lists namespaces, each creatable by the administrator', async () => {
      const body = (await (
        await fetch(`${h.url}${apiPaths.namespaces(h.cluster)}`)
      ).json()) as NamespacesResponse;
      expect(body.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
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
      const spec = body.schema.properties?.['spec'];
      expect(spec?.properties?.['dialTimeout']).toBeDefined();
      expect(spec?.properties?.['tls']?.properties?.['rootCAs']).toBeDefined();
    });
  });
}
