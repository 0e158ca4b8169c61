import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { openClusterRequest, startTestCluster, STT, transport, waitFor } from '../testing/harness.js';

let t: TestCluster;
let co: k8s.CustomObjectsApi;
const G = { ...STT, namespace: 'default' };
const PATH = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startTestCluster({ watchBookmarkIntervalMs: 200 });
  co = t.kc.makeApiClient(k8s.CustomObjectsApi);
});
afterAll(() => t.close());

type Seen = [string, string | undefined, string | undefined];

async function watch(
  params: Record<string, string | number | boolean | undefined>,
): Promise<{ events: Seen[]; done: () => unknown; stop: () => void }> {
  const events: Seen[] = [];
  let ended: unknown = null;
  const started = Date.now();
  const controller = await new k8s.Watch(t.kc).watch(
    PATH,
    params,
    (type, obj: k8s.KubernetesObject) =>
      events.push([type, obj.metadata?.name, obj.metadata?.resourceVersion]),
    (err) => {
      ended = err ?? 'closed';
    },
  );
  // The promise resolves on response headers, which must be flushed before any event exists.
  expect(Date.now() - started).toBeLessThan(2000);
  return { events, done: () => ended, stop: () => controller.abort() };
}

describe('watch', () => {
  it('streams ADDED, MODIFIED, DELETED from a list resourceVersion, without replaying older objects', async () => {
    await co.createNamespacedCustomObject({ ...G, body: transport('w-old') });
    const list = await co.listNamespacedCustomObject({ ...G });
    const w = await watch({ resourceVersion: list.metadata.resourceVersion });
    await co.createNamespacedCustomObject({ ...G, body: transport('w-live') });
    await co.patchNamespacedCustomObject(
      { ...G, name: 'w-live', body: { spec: { dialTimeout: '2s' } } },
      merge,
    );
    await co.deleteNamespacedCustomObject({ ...G, name: 'w-live' });
    await waitFor(() => w.events.some((e) => e[0] === 'DELETED'));
    await sleep(100);
    w.stop();
    expect(w.events.filter((e) => e[0] !== 'BOOKMARK').map((e) => `${e[0]} ${e[1]}`)).toEqual([
      'ADDED w-live',
      'MODIFIED w-live',
      'DELETED w-live',
    ]);
    const rvs = w.events.filter((e) => e[0] !== 'BOOKMARK').map((e) => Number(e[2]));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    expect(new Set(rvs).size).toBe(3);
  });

  it('starts with synthetic ADDED events for current matches when no resourceVersion is given', async () => {
    for (const n of ['w-sel-1', 'w-sel-2']) {
      await co.createNamespacedCustomObject({
        ...G,
        body: transport(n, undefined, { labels: { sel: 'w' } }),
      });
    }
    const w = await watch({ labelSelector: 'sel=w' });
    await waitFor(() => w.events.length >= 2);
    await sleep(100);
    expect(w.events.map((e) => `${e[0]} ${e[1]}`)).toEqual(['ADDED w-sel-1', 'ADDED w-sel-2']);
    // An object that stops matching the selector leaves the watcher's view as DELETED.
    await co.patchNamespacedCustomObject(
      { ...G, name: 'w-sel-1', body: { metadata: { labels: { sel: 'other' } } } },
      merge,
    );
    await sleep(150);
    w.stop();
    expect(w.events.at(-1)?.slice(0, 2)).toEqual(['DELETED', 'w-sel-1']);
  });

  it('resumes from a recent resourceVersion and expires one that is no longer retained', async () => {
    const before = await co.listNamespacedCustomObject({ ...G });
    await co.createNamespacedCustomObject({ ...G, body: transport('w-resume') });
    const w = await watch({ resourceVersion: before.metadata.resourceVersion });
    await waitFor(() => w.events.length >= 1);
    w.stop();
    expect(w.events.map((e) => `${e[0]} ${e[1]}`)).toContain('ADDED w-resume');
    const expired = await t.http(`${PATH}?watch=true&resourceVersion=1`);
    const first = JSON.parse(expired.text.split('\n')[0] ?? '') as {
      type: string;
      object: Record<string, unknown>;
    };
    expect(first).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('keeps idle watches alive with bookmarks when asked, and ends the stream at timeoutSeconds', async () => {
    const w = await watch({ allowWatchBookmarks: true, labelSelector: 'nothing=here' });
    await waitFor(() => w.events.filter((e) => e[0] === 'BOOKMARK').length >= 2);
    w.stop();
    const bookmarks = w.events.filter((e) => e[0] === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThanOrEqual(2);
    expect(bookmarks.every((b) => Number(b[2]) > 0)).toBe(true);
    const timed = await watch({ timeoutSeconds: 1, labelSelector: 'nothing=here' });
    await waitFor(() => timed.done() !== null, 5000);
    expect(timed.done()).toBe('closed');
  });

  it('marks the end of initial events with an annotated bookmark (sendInitialEvents)', async () => {
    const res = await t.http(
      `${PATH}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&labelSelector=sel%3Dw&timeoutSeconds=1`,
    );
    const lines = res.text
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { type: string; object: { metadata: { annotations?: Record<string, string> } } },
      );
    const end = lines.findIndex(
      (l) => l.type === 'BOOKMARK' && l.object.metadata.annotations?.['k8s.io/initial-events-end'] === 'true',
    );
    expect(end).toBeGreaterThan(0);
    expect(lines.slice(0, end).every((l) => l.type === 'ADDED')).toBe(true);
  });

  it('streams one-row Tables when kubectl asks for them', async () => {
    const res = await openClusterRequest(
      { url: t.cluster.url, ca: t.cluster.ca, token: t.cluster.tokens.admin },
      `${PATH}?watch=true&labelSelector=sel%3Dw`,
      { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } },
    );
    const chunk = await new Promise<Buffer>((resolve) => res.once('data', resolve));
    res.destroy();
    const first = JSON.parse(chunk.toString('utf8').split('\n')[0] ?? '') as {
      type: string;
      object: { kind: string; rows: { cells: string[] }[]; columnDefinitions: unknown[] };
    };
    expect(first.type).toBe('ADDED');
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions.length).toBeGreaterThan(0);
    expect(first.object.rows).toHaveLength(1);
  });
});
