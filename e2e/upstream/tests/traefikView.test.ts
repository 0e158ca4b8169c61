import { mkdirSync } from 'node:fs';
import type { TraefikOverviewResponse, TransportTraefikResponse } from '@dialtone/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCluster } from '../../../server/src/localcluster/index.js';
import { startDialtone, type DialtoneServer } from '../traefik/dialtone.js';
import type { RunningTraefik } from '../traefik/traefikProcess.js';
import { create, service, startViewScenario, until } from '../traefik/viewScenario.js';

const LOG_DIR = '.reports/judges/traefik-view';
const CONTEXT = 'dialtone-local-admin';

describe("Traefik v3.7.9's own view, read by Dialtone from the embedded cluster's Traefik", () => {
  let local: LocalCluster;
  let traefik: RunningTraefik;
  let dialtone: DialtoneServer;

  beforeAll(async () => {
    mkdirSync(LOG_DIR, { recursive: true });
    ({ local, traefik } = await startViewScenario(LOG_DIR));
    // A route to an ExternalName Service, which Traefik refuses without allowExternalNameServices.
    await create(local, '/api/v1/namespaces/demo/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'outside', namespace: 'demo' },
      spec: {
        type: 'ExternalName',
        externalName: 'backend.example.com',
        ports: [{ name: 'tcp', port: 9000 }],
      },
    });
    await create(local, '/apis/traefik.io/v1alpha1/namespaces/demo/serverstransporttcps', {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { name: 'external', namespace: 'demo' },
      spec: {},
    });
    await create(local, '/apis/traefik.io/v1alpha1/namespaces/demo/ingressroutetcps', {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: { name: 'route-external', namespace: 'demo' },
      spec: {
        entryPoints: ['ep4'],
        routes: [
          {
            match: 'HostSNI(`*`)',
            services: [{ name: 'outside', port: 9000, serversTransport: 'external' }],
          },
        ],
      },
    });
    await until(
      'Traefik to make the router of route-external',
      () => traefik.routers(),
      (routers) => routers.some((r) => r.entryPoints?.includes('ep4')),
    );
    const apiPort = Number(new URL(traefik.apiUrl).port);
    await service(local, 'traefik', 'traefik', 'traefik', apiPort, { 'app.kubernetes.io/name': 'traefik' });
    dialtone = await startDialtone(local.kubeconfigPath, LOG_DIR, [
      '--traefik-api',
      `${CONTEXT}=${traefik.apiUrl}`,
      '--traefik-api',
      `${CONTEXT}=service:traefik/traefik:traefik`,
    ]);
  }, 180_000);

  afterAll(async () => {
    await dialtone?.close();
    await traefik?.close();
    await local?.close();
  });

  /** The router Traefik made on an entry point, and Dialtone's view of the transport its route names. */
  const routerAndView = async (entryPoint: string, transport: string) => ({
    fromTraefik: (await traefik.routers()).find((r) => r.entryPoints?.includes(entryPoint)),
    view: await dialtone.get<TransportTraefikResponse>(`/namespaces/demo/transports/${transport}/traefik`),
  });

  it('reads the same Traefik directly and through the service proxy, and the list verdicts are its statuses', async () => {
    const overview = await dialtone.get<TraefikOverviewResponse>('/traefik');
    expect(overview.instances.map((i) => [i.instance.via, i.state, i.version])).toEqual([
      ['direct', 'ok', '3.7.9'],
      ['service-proxy', 'ok', '3.7.9'],
    ]);
    for (const instance of overview.instances) {
      expect(instance.transports['demo-good@kubernetescrd']).toEqual({
        verdict: 'loaded',
        routers: 1,
        routersInError: 0,
      });
      expect(instance.transports['demo-broken@kubernetescrd']).toMatchObject({
        verdict: 'in-error',
        routersInError: 1,
      });
    }
  });

  it("shows Traefik's own errors for the route of the broken transport, mapped to its IngressRouteTCP", async () => {
    const { fromTraefik, view } = await routerAndView('ep2', 'broken');
    // Traefik refuses the dialer when it builds the router: the error is the router's.
    expect(fromTraefik).toMatchObject({ status: 'disabled', error: ['unknown proxyProtocol version: 0'] });
    for (const instance of view.instances) {
      expect(instance.verdict).toBe('in-error');
      // The router Dialtone computes from the route is the one Traefik made.
      expect(instance.routers).toEqual([
        expect.objectContaining({
          name: fromTraefik?.name,
          status: 'disabled',
          errors: ['unknown proxyProtocol version: 0'],
          origin: { namespace: 'demo', name: 'route-broken', routeIndex: 0 },
        }),
      ]);
      expect(instance.services[0]).toMatchObject({
        serversTransport: 'demo-broken@kubernetescrd',
        origin: { namespace: 'demo', name: 'route-broken', routeIndex: 0 },
      });
      expect(instance.missingRouters).toEqual([]);
      // Dialtone predicts the same refusal, so the page says they agree.
      expect(instance.prediction.verdict).toBe('in-error');
      expect(instance.disagreements).toEqual([]);
    }
  });

  it('agrees where Traefik loaded what Dialtone predicted', async () => {
    const view = await dialtone.get<TransportTraefikResponse>('/namespaces/demo/transports/good/traefik');
    expect(view.instances[0]).toMatchObject({ verdict: 'loaded', disagreements: [], missingRouters: [] });
  });

  it('says where they disagree because Traefik runs with allowCrossNamespace and Dialtone assumes it off', async () => {
    const view = await dialtone.get<TransportTraefikResponse>('/namespaces/demo/transports/shared/traefik');
    const [direct] = view.instances;
    expect(direct?.verdict).toBe('loaded');
    // Dialtone predicts the route's router in error: its provider would refuse the reference.
    expect(direct?.prediction.verdict).toBe('in-error');
    expect(direct?.routers[0]?.origin).toEqual({ namespace: 'edge', name: 'route-cross', routeIndex: 0 });
    expect(direct?.disagreements[0]?.dialtone).toMatch(
      /Dialtone predicted: Traefik does not create this service .*allowCrossNamespace is off/,
    );
    expect(direct?.disagreements[0]?.explanations.join('\n')).toMatch(/allowCrossNamespace/);
  });

  it('predicts the router Traefik disables for a route to an ExternalName Service, and agrees with Traefik', async () => {
    const { fromTraefik, view } = await routerAndView('ep4', 'external');
    // The provider refuses the service, yet makes the router, which then has no service to use.
    expect(fromTraefik).toMatchObject({ status: 'disabled' });
    expect(fromTraefik?.error?.join('\n')).toMatch(/does not exist/);
    for (const instance of view.instances) {
      // Traefik's API ties the router to no transport; the route that names this one does.
      expect(instance.routers.map((r) => [r.name, r.status, r.origin?.name])).toEqual([
        [fromTraefik?.name, 'disabled', 'route-external'],
      ]);
      expect([instance.verdict, instance.prediction.verdict]).toEqual(['in-error', 'in-error']);
      expect(instance.prediction.reasons.join('\n')).toMatch(
        /externalName services not allowed: demo\/outside/,
      );
      expect(instance.disagreements).toEqual([]);
    }
  });
});
