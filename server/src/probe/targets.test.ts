import { describe, expect, it } from 'vitest';
import { providerSettings } from '@dialtone/shared';
import type { PlannedTarget } from './engine.js';
import { planTargets, type ServiceInfo, type ServiceSource, type EndpointSliceInfo } from './targets.js';

const SERVICES: Record<string, ServiceInfo> = {
  partner: { type: 'ExternalName', externalName: 'db.partner.example', ports: [{ port: 5432 }] },
  pg: { type: 'ClusterIP', clusterIP: '10.96.0.20', ports: [{ port: 5432 }] },
  edge: { type: 'NodePort', clusterIP: '10.96.0.30', ports: [{ name: 'tls', port: 443, nodePort: 30443 }] },
};

const SLICES: Record<string, EndpointSliceInfo[]> = {
  pg: [
    {
      // An unnamed Service port matches a slice port named "" (as the EndpointSlice controller writes it).
      ports: [{ name: '', port: 5432 }],
      endpoints: [
        { addresses: ['10.0.0.1'], ready: true },
        { addresses: ['10.0.0.2'] },
        { addresses: ['10.0.0.3'], ready: false },
      ],
    },
    // A slice port whose name is unset is never matched by Traefik.
    { ports: [{ port: 5432 }], endpoints: [{ addresses: ['10.0.0.9'], ready: true }] },
  ],
  edge: [{ ports: [{ name: 'tls', port: 8443 }], endpoints: [{ addresses: ['10.0.1.1'], ready: true }] }],
};

const services: ServiceSource = {
  getService: async (_namespace, name) =>
    SERVICES[name] ? { found: true, value: SERVICES[name] } : { found: false, reason: 'not-found' },
  listEndpointSlices: async (_namespace, name) => ({ found: true, value: SLICES[name] ?? [] }),
  listNodeAddresses: async () => ({ found: true, value: ['192.168.1.10', '192.168.1.11'] }),
};

const dialled = (planned: PlannedTarget[]) =>
  planned.map((p) => (p.kind === 'dial' ? `${p.host}:${p.port}` : `unresolved ${p.outcome}: ${p.title}`));

const service = (name: string, port: number | string, extra: Record<string, unknown> = {}) => ({
  service: { namespace: 'shop', name, port },
  ...extra,
});

describe("probe targets from Services, as Traefik's kubernetescrd provider builds its servers", () => {
  it('refuses an ExternalName Service unless allowExternalNameServices is on, as Traefik does by default', async () => {
    const [refused] = await planTargets([service('partner', 5432)], { services }, 10);
    expect(refused).toMatchObject({ kind: 'unresolved', outcome: 'build_failed' });
    const message = refused!.kind === 'unresolved' ? `${refused!.message} ${refused!.nextStep}` : '';
    expect(message).toContain('externalName services not allowed: shop/partner');
    expect(message).toContain('--allow-external-name-services');
    // A Service DNS name is read as that Service, so it is refused the same way.
    expect(dialled(await planTargets([{ address: 'partner.shop.svc:5432' }], { services }, 10))).toEqual([
      'unresolved build_failed: Traefik refuses ExternalName Services',
    ]);
    const allowed = await planTargets(
      [service('partner', 5432)],
      { services, provider: { allowCrossNamespace: false, allowExternalNameServices: true } },
      10,
    );
    expect(dialled(allowed)).toEqual(['db.partner.example:5432']);
  });

  it('dials only endpoints whose ready condition is true, on a slice port of the same name', async () => {
    expect(dialled(await planTargets([service('pg', 5432)], { services }, 10))).toEqual(['10.0.0.1:5432']);
  });

  it('dials the ClusterIP with nativeLB and the nodes with the NodePort with nodePortLB', async () => {
    expect(dialled(await planTargets([service('pg', 5432, { nativeLB: true })], { services }, 10))).toEqual([
      '10.96.0.20:5432',
    ]);
    expect(
      dialled(await planTargets([service('edge', 'tls', { nodePortLB: true })], { services }, 10)),
    ).toEqual(['192.168.1.10:30443', '192.168.1.11:30443']);
    // nodePortLB applies to NodePort Services only; others keep their endpoints.
    expect(dialled(await planTargets([service('pg', 5432, { nodePortLB: true })], { services }, 10))).toEqual(
      ['10.0.0.1:5432'],
    );
  });

  it('carries nativeLB and nodePortLB from the routes that use the transport', async () => {
    const usage = async () => [
      {
        route: { namespace: 'shop', name: 'edge' },
        service: { namespace: 'shop', name: 'edge', port: 'tls' },
        tls: true,
        nodePortLB: true,
      },
      {
        route: { namespace: 'shop', name: 'db' },
        service: { namespace: 'shop', name: 'pg', port: 5432 },
        tls: false,
        nativeLB: true,
      },
    ];
    expect(dialled(await planTargets('usage', { services, usage }, 10))).toEqual([
      '192.168.1.10:30443',
      '192.168.1.11:30443',
      '10.96.0.20:5432',
    ]);
  });

  it('says so when nodes cannot be listed for nodePortLB, and refuses when the user may not list them', async () => {
    const noNodes: ServiceSource = {
      ...services,
      listNodeAddresses: async () => ({ found: true, value: [] }),
    };
    expect(
      dialled(await planTargets([service('edge', 'tls', { nodePortLB: true })], { services: noNodes }, 10)),
    ).toEqual(['unresolved dns_failed: No node address to dial']);
    const forbidden: ServiceSource = {
      ...services,
      listNodeAddresses: async () => ({ found: false, reason: 'forbidden' }),
    };
    await expect(
      planTargets([service('edge', 'tls', { nodePortLB: true })], { services: forbidden }, 10),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("follows Traefik's nativeLBByDefault, disableClusterScopeResources and allowEmptyServices", async () => {
    const provider = providerSettings({ nativeLBByDefault: true });
    // Without a nativeLB of its own a route dials the ClusterIP; nativeLB: false keeps the endpoints.
    expect(dialled(await planTargets([service('pg', 5432)], { services, provider }, 10))).toEqual([
      '10.96.0.20:5432',
    ]);
    const usage = async () => [
      {
        route: { namespace: 'shop', name: 'db' },
        service: { namespace: 'shop', name: 'pg', port: 5432 },
        tls: false,
        nativeLB: false,
      },
    ];
    expect(dialled(await planTargets('usage', { services, usage, provider }, 10))).toEqual(['10.0.0.1:5432']);
    const noNodes = providerSettings({ disableClusterScopeResources: true });
    const [nodePort] = await planTargets(
      [service('edge', 'tls', { nodePortLB: true })],
      { services, provider: noNodes },
      10,
    );
    expect(nodePort).toMatchObject({
      kind: 'unresolved',
      message: expect.stringContaining('nodes lookup is disabled'),
    });
    const empty = await planTargets(
      [service('missing-endpoints', 5432)],
      {
        services: { ...services, getService: async () => ({ found: true, value: SERVICES['pg']! }) },
        provider: providerSettings({ allowEmptyServices: true }),
      },
      10,
    );
    expect(empty[0]).toMatchObject({
      kind: 'unresolved',
      message: expect.stringContaining('allowEmptyServices'),
    });
  });
});
