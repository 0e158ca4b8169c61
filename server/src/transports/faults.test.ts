import { afterEach, describe, expect, it } from 'vitest';
import type {
  ConflictDetails,
  TransportDetail,
  TransportListResponse,
  TransportWriteResponse,
} from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND } from '../clusters/index.js';
import { errorOf, jsonRequest, startHarness, transportObject, type Harness } from '../api/testing.js';
import { startFaultProxy, type FaultProxy } from '../api/testProxy.js';
import { openEvents } from './eventsClient.testing.js';

describe('faults between the server and the cluster', () => {
  let h: Harness | undefined;
  let proxy: FaultProxy | undefined;

  afterEach(async () => {
    await h?.close();
    await proxy?.close();
    h = undefined;
    proxy = undefined;
  });

  async function withProxy(timeouts?: { readMs: number; writeMs: number }): Promise<Harness> {
    h = await startHarness({
      ...(timeouts ? { timeouts } : {}),
      serverUrl: async (clusterUrl, clusterCa) => {
        proxy = await startFaultProxy(clusterUrl, clusterCa);
        return proxy.url;
      },
    });
    return h;
  }

  it('E-41: relists after a watch answers 410, and the stream shows what changed meanwhile', async () => {
    const harness = await withProxy();
    await harness.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'before'));
    const list = await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}`);
    expect(((await list.json()) as TransportListResponse).items.map((i) => i.name)).toEqual(['before']);
    expect(harness.connection.transports.listCount).toBe(1);

    const events = await openEvents(`${harness.url}${apiPaths.transportEvents(harness.cluster)}`);
    try {
      let expired = 0;
      proxy!.decide = (req) => {
        if (
          /[?&]watch=true/.test(req.url ?? '') &&
          /serverstransporttcps/.test(req.url ?? '') &&
          expired === 0
        ) {
          expired += 1;
          return { kind: 'expire' };
        }
        return { kind: 'forward' };
      };
      await proxy!.untilWatching(2);
      proxy!.cutWatches();
      await harness.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'while-away'));
      const added = await events.next((e) => e.type === 'ADDED' && e.summary.name === 'while-away', 10_000);
      expect(added.event.type).toBe('ADDED');
      expect(expired).toBe(1);
      expect(harness.connection.transports.listCount).toBe(2);
    } finally {
      events.close();
    }
  });

  it('E-42: lists 5,000 transports in pages of 500, and starts over when a continue token expires', async () => {
    const harness = await withProxy();
    const names = Array.from({ length: 5_000 }, (_, i) => `t-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(
        names
          .slice(i, i + 50)
          .map((name) => harness.kube.create(TRANSPORT_KIND, 'default', transportObject('default', name))),
      );
    }
    const lists: string[] = [];
    let expired = false;
    proxy!.decide = (req) => {
      const url = req.url ?? '';
      if (!/serverstransporttcps\?/.test(url) || /watch=true/.test(url)) return { kind: 'forward' };
      lists.push(url);
      if (!expired && /continue=/.test(url)) {
        expired = true;
        return { kind: 'expire' };
      }
      return { kind: 'forward' };
    };
    const started = Date.now();
    const response = await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}`);
    const body = (await response.json()) as TransportListResponse;
    expect(body.items).toHaveLength(5_000);
    expect(body.items[0]!.name).toBe('t-0000');
    expect(lists.every((url) => /limit=500/.test(url))).toBe(true);
    // One page, the expired second page, then all ten pages again.
    expect(lists).toHaveLength(12);
    const again = Date.now();
    await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}`);
    expect(Date.now() - again).toBeLessThan(Math.max(500, (again - started) / 2));
  }, 60_000);

  it('asks as the user at once when the server itself may not list everything', async () => {
    const harness = await withProxy();
    await harness.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'ns-scoped'));
    proxy!.decide = (req) =>
      /^\/apis\/traefik\.io\/v1alpha1\/serverstransporttcps/.test(req.url ?? '')
        ? { kind: 'forbid' }
        : { kind: 'forward' };
    const started = Date.now();
    const scoped = await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}?namespace=default`);
    expect(scoped.status).toBe(200);
    expect(((await scoped.json()) as TransportListResponse).items.map((i) => i.name)).toEqual(['ns-scoped']);
    expect(Date.now() - started).toBeLessThan(2_000);
    const everything = await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}`);
    expect(everything.status).toBe(403);
    expect((await errorOf(everything)).code).toBe('forbidden');
  });

  it('E-40: re-reads after a write timed out and reports that it happened, without writing twice', async () => {
    const harness = await withProxy({ readMs: 5_000, writeMs: 300 });
    await harness.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'slow', { dialTimeout: '1s' }),
    );
    const live = await harness.kube.get(TRANSPORT_KIND, 'default', 'slow');
    let puts = 0;
    proxy!.decide = (req) => {
      if (req.method !== 'PUT') return { kind: 'forward' };
      puts += 1;
      return { kind: 'delay-response', ms: 1_000 };
    };
    const response = await fetch(
      `${harness.url}${apiPaths.transport(harness.cluster, 'default', 'slow')}`,
      jsonRequest('PUT', { ...live, spec: { dialTimeout: '2s' } }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as TransportWriteResponse;
    expect(body.warnings.join(' ')).toContain('re-read shows the change was saved');
    expect(body.object.spec).toEqual({ dialTimeout: '2s' });
    expect(puts).toBe(1);
  });

  it('E-40: reports a timed-out write that did not happen as not applied', async () => {
    const harness = await withProxy({ readMs: 5_000, writeMs: 300 });
    await harness.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'lost', { dialTimeout: '1s' }),
    );
    const live = await harness.kube.get(TRANSPORT_KIND, 'default', 'lost');
    // The request reaches the cluster with a stale version, so it is refused there, but the answer is late.
    proxy!.decide = (req) =>
      req.method === 'PUT' ? { kind: 'delay-response', ms: 1_000 } : { kind: 'forward' };
    const stale = {
      ...live,
      metadata: { ...live.metadata, resourceVersion: '1' },
      spec: { dialTimeout: '2s' },
    };
    const response = await fetch(
      `${harness.url}${apiPaths.transport(harness.cluster, 'default', 'lost')}`,
      jsonRequest('PUT', stale),
    );
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.code).toBe('cluster_unreachable');
    expect(error.details).toEqual({ writeOutcome: 'not-applied' });
  });

  it('E-39: keeps serving the list and keeps the edit when the cluster stops in the middle of an edit', async () => {
    h = await startHarness();
    const harness = h;
    await harness.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'steady', { dialTimeout: '1s' }),
    );
    const opened = (await (
      await fetch(`${harness.url}${apiPaths.transport(harness.cluster, 'default', 'steady')}`)
    ).json()) as TransportDetail;
    await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}`);

    await harness.stopCluster();
    const edited = { ...opened.object, spec: { dialTimeout: '9s' } };
    const started = Date.now();
    const save = await fetch(
      `${harness.url}${apiPaths.transport(harness.cluster, 'default', 'steady')}`,
      jsonRequest('PUT', edited),
    );
    expect(save.status).toBe(503);
    const error = await errorOf(save);
    expect(error.code).toBe('cluster_unreachable');
    expect(error.message).toMatch(/reach/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const list = await fetch(`${harness.url}${apiPaths.transports(harness.cluster)}`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as TransportListResponse).items.map((i) => i.name)).toEqual(['steady']);

    await harness.startCluster();
    const after = (await (
      await fetch(`${harness.url}${apiPaths.transport(harness.cluster, 'default', 'steady')}`)
    ).json()) as TransportDetail;
    expect(after.object.metadata.resourceVersion).toBe(opened.object.metadata.resourceVersion);
    expect(after.object.spec).toEqual({ dialTimeout: '1s' });
    const retry = await fetch(
      `${harness.url}${apiPaths.transport(harness.cluster, 'default', 'steady')}`,
      jsonRequest('PUT', edited),
    );
    expect(retry.status).toBe(200);
    const again = await fetch(
      `${harness.url}${apiPaths.transport(harness.cluster, 'default', 'steady')}`,
      jsonRequest('PUT', edited),
    );
    expect(again.status).toBe(409);
    expect(((await errorOf(again)).details as ConflictDetails).current.spec).toEqual({ dialTimeout: '9s' });
  });
});
