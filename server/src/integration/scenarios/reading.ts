import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransportDetail, TransportEvent, TransportListResponse, UsageResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { ROUTE_KIND, TRANSPORT_KIND } from '../../clusters/index.js';
import { transportObject } from '../../api/testing.js';
import { openEvents } from '../../transports/eventsClient.testing.js';
import type { ClusterUnderTest } from '../clusterUnderTest.js';
import { startDialtoneOn, type DialtoneOnCluster } from '../dialtone.js';

const NS = 'suite-read';

/** List, detail, usage and the event stream, read through Dialtone from the cluster under test. */
export function readingScenarios(target: () => ClusterUnderTest): void {
  describe('reading transports: list, detail, usage, watch and SSE', () => {
    let h: DialtoneOnCluster;
    const inNamespace = (e: TransportEvent, name: string) =>
      'summary' in e ? e.summary.namespace === NS && e.summary.name === name : false;

    beforeAll(async () => {
      await target().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
      h = await startDialtoneOn(target(), { heartbeatMs: 200 });
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'plain', { dialTimeout: '5s' }));
      await h.kube.create(
        TRANSPORT_KIND,
        NS,
        transportObject(NS, 'secure', {
          tls: {
            serverName: 'db.internal',
            certificatesSecrets: ['client-cert'],
            rootCAs: [{ configMap: 'ca' }],
          },
          proxyProtocol: { version: 2 },
        }),
      );
      await h.kube.create(ROUTE_KIND, NS, {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRouteTCP',
        metadata: { namespace: NS, name: 'db' },
        spec: {
          entryPoints: ['db'],
          routes: [
            {
              match: 'HostSNI(`*`)',
              services: [{ name: 'db', port: 5432, serversTransport: 'secure', tls: true }],
            },
          ],
        },
      });
    });

    afterAll(() => h.close());

    it('lists summaries with effective values, badges, route counts and diagnostics', async () => {
      const response = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=${NS}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as TransportListResponse;
      expect(body.items.map((i) => i.name)).toEqual(['plain', 'secure']);
      const [plain, secure] = body.items;
      expect(plain).toMatchObject({
        namespace: NS,
        traefikId: `${NS}-plain@kubernetescrd`,
        routeCount: 0,
        badges: [],
        effective: {
          dialTimeout: { display: '5s', origin: 'explicit' },
          dialKeepAlive: { origin: 'default' },
        },
      });
      expect(plain!.resourceVersion).toMatch(/^\d+$/);
      expect(plain!.creationTimestamp).toBeDefined();
      expect(secure).toMatchObject({ routeCount: 1, badges: ['tls', 'mtls', 'proxy-protocol'] });
      expect(secure!.references).toEqual([
        { kind: 'ConfigMap', name: 'ca', usedBy: 'rootCAs', path: '/spec/tls/rootCAs/0/configMap' },
        {
          kind: 'Secret',
          name: 'client-cert',
          usedBy: 'certificatesSecrets',
          path: '/spec/tls/certificatesSecrets/0',
        },
      ]);
      expect(secure!.diagnostics).toEqual(expect.objectContaining({ error: expect.any(Number) }));
      expect(body.resourceVersion).toMatch(/^\d+$/);
    });

    it('lists every change the watch brought on the next request: a create, a route count, a delete', async () => {
      const list = async () => {
        const response = await fetch(`${h.url}${apiPaths.transports(h.cluster)}`);
        const body = (await response.json()) as TransportListResponse;
        return { item: body.items.find((i) => i.namespace === NS && i.name === 'fresh') };
      };
      expect((await list()).item).toBeUndefined();
      const until = async (check: (item: Awaited<ReturnType<typeof list>>['item']) => boolean) => {
        for (let i = 0; i < 100; i++) {
          const { item } = await list();
          if (check(item)) return item;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the list never showed the change');
      };
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'fresh', { dialTimeout: '7s' }));
      expect(await until((i) => i !== undefined)).toMatchObject({ routeCount: 0 });
      await h.kube.create(ROUTE_KIND, NS, {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRouteTCP',
        metadata: { namespace: NS, name: 'fresh-user' },
        spec: {
          routes: [{ match: 'HostSNI(`*`)', services: [{ name: 'x', port: 1, serversTransport: 'fresh' }] }],
        },
      });
      await until((i) => i?.routeCount === 1);
      for (const [kind, name] of [
        [ROUTE_KIND, 'fresh-user'],
        [TRANSPORT_KIND, 'fresh'],
      ] as const) {
        const object = await h.kube.get(kind, NS, name);
        await h.kube.delete(kind, NS, name, object.metadata.resourceVersion ?? '');
      }
      await until((i) => i === undefined);
    });

    it('shows the detail: object, effective values, diagnostics, usage, references and permissions', async () => {
      const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, NS, 'secure')}`);
      expect(response.status).toBe(200);
      const detail = (await response.json()) as TransportDetail;
      expect(detail.object.metadata.name).toBe('secure');
      expect(detail.traefikId).toBe(`${NS}-secure@kubernetescrd`);
      expect(detail.effective.tlsMode).toBe('mtls');
      expect(detail.usage).toEqual([
        expect.objectContaining({ route: { namespace: NS, name: 'db' }, tls: true, reference: 'secure' }),
      ]);
      expect(detail.references).toEqual([
        expect.objectContaining({ kind: 'ConfigMap', name: 'ca', usedBy: 'rootCAs', state: 'missing' }),
        expect.objectContaining({
          kind: 'Secret',
          name: 'client-cert',
          usedBy: 'certificatesSecrets',
          state: 'missing',
        }),
      ]);
      expect(detail.permissions).toEqual({ update: true, delete: true, readSecrets: true });
      // Traefik drops what it cannot load; the detail counts that as a problem at the field naming it.
      expect(
        detail.diagnostics.filter((d) => d.code === 'traefik.reference-missing').map((d) => d.path),
      ).toEqual(['/spec/tls/rootCAs/0/configMap', '/spec/tls/certificatesSecrets/0']);
    });

    it('answers 404 with the error envelope for a transport that does not exist', async () => {
      const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, NS, 'ghost')}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    });

    it('lists the routes that use a transport', async () => {
      const response = await fetch(`${h.url}${apiPaths.usage(h.cluster, NS, 'secure')}`);
      const body = (await response.json()) as UsageResponse;
      expect(body.usage).toHaveLength(1);
      expect(body.routes.map((r) => r.metadata.name)).toEqual(['db']);
    });

    it('warns in the detail when another transport gets the same Traefik ID', async () => {
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'a.b'));
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'a-b'));
      await h.connection.transports.whenSynced(1000);
      while (!h.connection.transports.get(NS, 'a-b')) await new Promise((r) => setTimeout(r, 20));
      const detail = (await (
        await fetch(`${h.url}${apiPaths.transport(h.cluster, NS, 'a.b')}`)
      ).json()) as TransportDetail;
      expect(detail.diagnostics).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'traefik.id-collision' })]),
      );
    });

    it('streams a change made with the Kubernetes API as an event, and heartbeats', async () => {
      const events = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`);
      try {
        await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'streamed', { dialTimeout: '1s' }));
        const added = await events.next((e) => e.type === 'ADDED' && inNamespace(e, 'streamed'));
        expect(added.id).toMatch(/^\d+$/);
        await events.waitForHeartbeat();
        const live = await h.kube.get(TRANSPORT_KIND, NS, 'streamed');
        await h.kube.delete(TRANSPORT_KIND, NS, 'streamed', live.metadata.resourceVersion ?? '');
        const deleted = await events.next(
          (e) => e.type === 'DELETED' && e.namespace === NS && e.name === 'streamed',
        );
        expect((deleted.event as Extract<TransportEvent, { type: 'DELETED' }>).namespace).toBe(NS);
      } finally {
        events.close();
      }
    });

    it('resumes the stream from Last-Event-ID without losing what happened in between', async () => {
      const first = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`);
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'resume-a'));
      const a = await first.next((e) => e.type === 'ADDED' && inNamespace(e, 'resume-a'));
      first.close();
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'resume-b'));
      const second = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, a.id);
      try {
        const b = await second.next((e) => e.type === 'ADDED' || e.type === 'RESYNC');
        expect(b.event).toMatchObject({ type: 'ADDED', summary: { namespace: NS, name: 'resume-b' } });
      } finally {
        second.close();
      }
    });

    it('asks for a reload when the resume point is unknown', async () => {
      const events = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, '1');
      try {
        const resync = await events.next((e) => e.type === 'RESYNC');
        expect(resync.event.type).toBe('RESYNC');
      } finally {
        events.close();
      }
    });

    it('updates the route count of a transport when a route starts using it', async () => {
      const events = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`);
      try {
        await h.kube.create(ROUTE_KIND, NS, {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'IngressRouteTCP',
          metadata: { namespace: NS, name: 'plain-user' },
          spec: {
            routes: [
              { match: 'HostSNI(`*`)', services: [{ name: 'x', port: 1, serversTransport: 'plain' }] },
            ],
          },
        });
        const modified = await events.next((e) => e.type === 'MODIFIED' && inNamespace(e, 'plain'));
        expect(modified.event).toMatchObject({ summary: { routeCount: 1 } });
      } finally {
        events.close();
      }
    });
  });
}
