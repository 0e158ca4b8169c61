import { mkdirSync } from 'node:fs';
import type { TraefikOverviewResponse, TransportTraefikResponse } from '@dialtone/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCluster } from '../../../server/src/localcluster/index.js';
import { startDialtone, type DialtoneServer } from '../traefik/dialtone.js';
import type { RunningTraefik } from '../traefik/traefikProcess.js';
import { service, startViewScenario } from '../traefik/viewScenario.js';

const LOG_DIR = '.reports/judges/traefik-view';
const CONTEXT = 'dialtone-local-admin';

describe("Traefik v3.7.9's own view, read by Dialtone from the embedded cluster's Traefik", () => {
  let local: LocalCluster;
  let traefik: RunningTraefik;
  let dialtone: DialtoneServer;

  beforeAll(async () => {
    mkdirSync(LOG_DIR, { recursive: true });
    ({ local, traefik } = await startViewScenario(LOG_DIR));
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
    const fromTraefik = (await traefik.routers()).find((r) => r.entryPoints?.includes('ep2'));
    // Traefik refuses the dialer when it builds the router: the error is the router's.
    expect(fromTraefik).toMatchObject({ status: 'disabled', error: ['unknown proxyProtocol version: 0'] });
    const view = await dialtone.get<TransportTraefikResponse>('/namespaces/demo/transports/broken/traefik');
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
    expect(direct?.prediction.verdict).toBe('not-used');
    expect(direct?.routers[0]?.origin).toEqual({ namespace: 'edge', name: 'route-cross', routeIndex: 0 });
    expect(direct?.disagreements[0]?.dialtone).toBe('Dialtone predicted that no route uses it');
    expect(direct?.disagreements[0]?.explanations.join('\n')).toMatch(/allowCrossNamespace/);
  });
});
