import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSettings } from '@dialtone/shared';
import { probeAccessFor } from '../../api/index.js';
import { transportObject } from '../../api/testing.js';
import { planTargets, type PlannedTarget, type TargetSources } from '../../probe/index.js';
import type { ClusterUnderTest, FixtureObject } from '../clusterUnderTest.js';
import { startDialtoneOn, type DialtoneOnCluster } from '../dialtone.js';

const NS = 'suite-targets';

const dialled = (planned: PlannedTarget[]) =>
  planned.map((p) => (p.kind === 'dial' ? `${p.host}:${p.port}` : `unresolved ${p.outcome}: ${p.title}`));

function service(name: string, spec: Record<string, unknown>): FixtureObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS }, spec };
}

/**
 * Test connection's targets as the server derives them from the cluster's Services and EndpointSlices.
 * The addresses are not on this machine (kube-apiserver refuses loopback endpoints), so the suite checks
 * the addresses planned and never dials them.
 */
export function probeTargetScenarios(target: () => ClusterUnderTest): void {
  describe('Test connection targets from Services and EndpointSlices', () => {
    let h: DialtoneOnCluster;
    let sources: TargetSources;

    beforeAll(async () => {
      await target().create(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
        service('pg', { type: 'ClusterIP', ports: [{ name: 'pg', port: 5432, targetPort: 15432 }] }),
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { name: 'pg-1', namespace: NS, labels: { 'kubernetes.io/service-name': 'pg' } },
          addressType: 'IPv4',
          ports: [{ name: 'pg', port: 15432, protocol: 'TCP' }],
          endpoints: [
            { addresses: ['10.1.0.11'], conditions: { ready: true } },
            { addresses: ['10.1.0.12'], conditions: { ready: false } },
          ],
        },
        service('edge', { type: 'NodePort', ports: [{ name: 'tls', port: 443, targetPort: 8443 }] }),
        service('partner', { type: 'ExternalName', externalName: 'db.partner.example' }),
        service('empty', { type: 'ClusterIP', ports: [{ name: 'db', port: 5432 }] }),
        transportObject(NS, 'db-tls', { tls: { serverName: 'db.internal' } }),
        {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'IngressRouteTCP',
          metadata: { name: 'db', namespace: NS },
          spec: {
            routes: [
              {
                match: 'HostSNI(`db.internal`)',
                services: [{ name: 'pg', port: 5432, serversTransport: 'db-tls', tls: true }],
              },
            ],
          },
        },
      );
      h = await startDialtoneOn(target());
      const provider = providerSettings({ allowCrossNamespace: false, allowExternalNameServices: false });
      const access = probeAccessFor(h.connection, { kind: 'local' }, provider);
      sources = { services: access.services!, provider, usage: () => access.usage!(NS, 'db-tls') };
    });

    afterAll(() => h.close());

    const plan = (name: string, port: number | string, extra: Record<string, unknown> = {}) =>
      planTargets([{ service: { namespace: NS, name, port }, ...extra }], sources, 10);

    it('dials the ready endpoints of a slice, on the slice port named like the Service port', async () => {
      expect(dialled(await plan('pg', 5432))).toEqual(['10.1.0.11:15432']);
      expect(dialled(await plan('pg', 'pg'))).toEqual(['10.1.0.11:15432']);
    });

    it('reads a Service DNS name as that Service', async () => {
      const planned = await planTargets([{ address: `pg.${NS}.svc.cluster.local:5432` }], sources, 10);
      expect(dialled(planned)).toEqual(['10.1.0.11:15432']);
    });

    it('dials the ClusterIP the cluster allocated with nativeLB', async () => {
      const live = await h.kube.readService(NS, 'pg');
      expect(live.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(dialled(await plan('pg', 5432, { nativeLB: true }))).toEqual([`${live.clusterIP}:5432`]);
    });

    it('says there is no node to dial for nodePortLB on a NodePort Service of a cluster without nodes', async () => {
      const live = await h.kube.readService(NS, 'edge');
      expect(live.ports[0]!.nodePort).toBeGreaterThanOrEqual(30000);
      expect(dialled(await plan('edge', 'tls', { nodePortLB: true }))).toEqual([
        'unresolved dns_failed: No node address to dial',
      ]);
    });

    it('refuses an ExternalName Service, as Traefik does by default', async () => {
      expect(dialled(await plan('partner', 5432))).toEqual([
        'unresolved build_failed: Traefik refuses ExternalName Services',
      ]);
    });

    it('reports a Service without endpoints and a missing Service as results', async () => {
      const planned = await planTargets(
        [
          { service: { namespace: NS, name: 'empty', port: 'db' } },
          { service: { namespace: NS, name: 'nope', port: 80 } },
        ],
        sources,
        10,
      );
      expect(dialled(planned)).toEqual([
        'unresolved dns_failed: The Service has no ready endpoints',
        'unresolved dns_failed: The Service does not exist',
      ]);
    });

    it('plans every backend of the routes that use the transport', async () => {
      const planned = await planTargets('usage', sources, 10);
      expect(dialled(planned)).toEqual(['10.1.0.11:15432']);
      expect(planned[0]!.target).toMatchObject({ route: { namespace: NS, name: 'db' } });
    });
  });
}
