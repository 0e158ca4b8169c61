import { KubernetesObjectApi, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { transport, TRANSPORTS, TRANSPORTS_PATH, type ApiObject, type ObjectList } from './objects.js';
import type { RegisterCase } from './registrar.js';
import { apiFailure, type ConformanceSession } from './session.js';
import { sleep, waitUntil } from './waitUntil.js';

const asPatch = (strategy: PatchStrategy) => setHeaderOptions('Content-Type', strategy);

async function create(s: ConformanceSession, body: object, dryRun?: 'All'): Promise<ApiObject> {
  return (await s.customObjects.createNamespacedCustomObject({ ...TRANSPORTS, body, dryRun })) as ApiObject;
}

async function patch(
  s: ConformanceSession,
  name: string,
  body: object,
  strategy: PatchStrategy,
  params: { fieldManager?: string; force?: boolean } = {},
): Promise<ApiObject> {
  const call = s.customObjects.patchNamespacedCustomObject(
    { ...TRANSPORTS, ...params, name, body },
    asPatch(strategy),
  );
  return (await call) as ApiObject;
}

interface WatchEvent {
  type: string;
  name: string;
  resourceVersion: string;
}

/** A client-node Watch on the default namespace's transports that records its events. */
async function watchTransports(s: ConformanceSession, query: Record<string, string | boolean | number>) {
  const events: WatchEvent[] = [];
  let ended: { error: unknown } | undefined;
  const controller = await new Watch(s.kubeConfig).watch(
    TRANSPORTS_PATH,
    query,
    (type: string, object: ApiObject) =>
      events.push({ type, name: object.metadata.name, resourceVersion: object.metadata.resourceVersion }),
    (error: unknown) => (ended = { error }),
  );
  return { events, ended: () => ended, stop: () => controller.abort() };
}

/** Cases 49 to 64: what @kubernetes/client-node sends and expects back. */
export function clientNodeCases(register: RegisterCase): void {
  register(
    49,
    'client-node create: 201 with the object; a duplicate: ApiException 409 AlreadyExists',
    async (s) => {
      const created = await create(s, transport(s.name('cn')));
      expect(created.metadata.uid).toBeTruthy();
      expect(created.metadata.resourceVersion).toBeTruthy();
      expect(created.metadata.generation).toBe(1);
      const duplicate = await apiFailure(create(s, transport(s.name('cn'))));
      expect(duplicate.code).toBe(409);
      expect(duplicate.body).toMatchObject({
        kind: 'Status',
        reason: 'AlreadyExists',
        details: { name: s.name('cn') },
      });
    },
  );

  register(50, 'client-node get of a missing object: 404 Status NotFound with details', async (s) => {
    const missing = await apiFailure(
      s.customObjects.getNamespacedCustomObject({ ...TRANSPORTS, name: s.name('nope') }),
    );
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({
      reason: 'NotFound',
      details: { kind: 'serverstransporttcps', group: 'traefik.io' },
    });
  });

  register(
    51,
    'client-node replace: a stale resourceVersion is a 409 Conflict, none on a CR a 422',
    async (s) => {
      const name = s.name('cn');
      const current = (await s.customObjects.getNamespacedCustomObject({ ...TRANSPORTS, name })) as ApiObject;
      const replace = (body: object) =>
        s.customObjects.replaceNamespacedCustomObject({ ...TRANSPORTS, name, body });
      const replaced = (await replace({ ...current, spec: { dialTimeout: '20s' } })) as ApiObject;
      expect(replaced.metadata.generation).toBe(2);

      const stale = await apiFailure(replace({ ...current, spec: { dialTimeout: '21s' } }));
      expect(stale.code).toBe(409);
      expect(stale.body?.reason).toBe('Conflict');

      const { resourceVersion: _dropped, ...metadata } = replaced.metadata;
      const unversioned = await apiFailure(replace({ ...replaced, metadata }));
      expect(unversioned.code).toBe(422);
      expect(unversioned.body?.reason).toBe('Invalid');
      expect(unversioned.body?.details?.causes?.[0]?.field).toBe('metadata.resourceVersion');
    },
  );

  register(52, 'client-node patch: the default Content-Type is application/json-patch+json', async (s) => {
    const name = s.name('cn');
    const body = [{ op: 'replace', path: '/spec/dialTimeout', value: '22s' }];
    const patched = (await s.customObjects.patchNamespacedCustomObject({
      ...TRANSPORTS,
      name,
      body,
    })) as ApiObject;
    expect(patched.spec?.['dialTimeout']).toBe('22s');
    const objectAsJsonPatch = await apiFailure(
      s.customObjects.patchNamespacedCustomObject({
        ...TRANSPORTS,
        name,
        body: { spec: { dialTimeout: '23s' } },
      }),
    );
    expect([400, 422], JSON.stringify(objectAsJsonPatch)).toContain(objectAsJsonPatch.code);
  });

  register(53, 'client-node merge patch through setHeaderOptions', async (s) => {
    const patched = await patch(s, s.name('cn'), { spec: { dialTimeout: '24s' } }, PatchStrategy.MergePatch);
    expect(patched.spec?.['dialTimeout']).toBe('24s');
  });

  register(
    54,
    'client-node server-side apply with fieldManager and force; no fieldManager: 422',
    async (s) => {
      const name = s.name('cn');
      const applied = await patch(
        s,
        name,
        transport(name, { dialTimeout: '25s' }),
        PatchStrategy.ServerSideApply,
        {
          fieldManager: 'demo-app',
          force: true,
        },
      );
      expect(applied.spec?.['dialTimeout']).toBe('25s');
      expect(applied.metadata.managedFields).toContainEqual(
        expect.objectContaining({ manager: 'demo-app', operation: 'Apply' }),
      );

      const anonymous = await apiFailure(
        patch(s, name, transport(name, { dialTimeout: '26s' }), PatchStrategy.ServerSideApply),
      );
      expect(anonymous.code).toBe(422);
      expect(JSON.stringify(anonymous.body)).toMatch(/fieldManager/);

      const fresh = s.name('ssa-new');
      const created = await patch(s, fresh, transport(fresh), PatchStrategy.ServerSideApply, {
        fieldManager: 'demo-app',
      });
      expect(created.metadata.uid, 'server-side apply did not create the object').toBeTruthy();
    },
  );

  register(55, 'client-node strategic merge patch on a CR: 415 UnsupportedMediaType', async (s) => {
    const refused = await apiFailure(patch(s, s.name('cn'), { spec: {} }, PatchStrategy.StrategicMergePatch));
    expect(refused.code).toBe(415);
    expect(refused.body?.reason).toBe('UnsupportedMediaType');
  });

  register(56, 'client-node dryRun=All create is not persisted', async (s) => {
    const dry = await create(s, transport(s.name('cndry')), 'All');
    expect(dry.metadata.name).toBe(s.name('cndry'));
    const lookup = await apiFailure(
      s.customObjects.getNamespacedCustomObject({ ...TRANSPORTS, name: s.name('cndry') }),
    );
    expect(lookup.code, 'the dry-run object was persisted').toBe(404);
  });

  register(57, 'client-node list: limit, continue and labelSelector', async (s) => {
    const list = async (query: { limit: number; _continue?: string; labelSelector?: string }) =>
      (await s.customObjects.listNamespacedCustomObject({ ...TRANSPORTS, ...query })) as ObjectList;
    const labelSelector = `page=${s.suffix}`;
    const first = await list({ labelSelector, limit: 2 });
    expect(first.kind).toBe('ServersTransportTCPList');
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue, JSON.stringify(first.metadata)).toBeTruthy();
    expect(first.metadata.resourceVersion).toBeTruthy();
    const second = await list({ labelSelector, limit: 2, _continue: first.metadata.continue! });
    expect(second.items).toHaveLength(1);
    expect(second.metadata.continue, JSON.stringify(second.metadata)).toBeFalsy();
    const garbage = await apiFailure(list({ limit: 1, _continue: 'garbage!!' }));
    expect([400, 410]).toContain(garbage.code);
  });

  register(
    58,
    'client-node Watch from the list RV: ADDED, MODIFIED, DELETED in order, promptly established',
    async (s) => {
      const listed = (await s.customObjects.listNamespacedCustomObject({ ...TRANSPORTS })) as ObjectList;
      const started = Date.now();
      const watch = await watchTransports(s, {
        resourceVersion: listed.metadata.resourceVersion!,
        allowWatchBookmarks: true,
      });
      try {
        expect(
          Date.now() - started,
          'watch() waited for an event: flush the response headers at once',
        ).toBeLessThan(2000);
        const name = s.name('cnw');
        await create(s, transport(name));
        await patch(s, name, { spec: { dialTimeout: '2s' } }, PatchStrategy.MergePatch);
        await s.customObjects.deleteNamespacedCustomObject({ ...TRANSPORTS, name });
        const mine = () => watch.events.filter((e) => e.name === name).map((e) => e.type);
        await waitUntil(() => mine().includes('DELETED'), `the DELETED event of ${name}`);
        expect(mine()).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
      } finally {
        watch.stop();
      }
    },
  );

  register(
    59,
    'a watch without resourceVersion starts with a synthetic ADDED per existing object',
    async (s) => {
      const watch = await watchTransports(s, { labelSelector: `page=${s.suffix}` });
      try {
        await waitUntil(() => watch.events.length >= 3, 'an ADDED event for each of the 3 pages');
        await sleep(300);
        expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED']);
      } finally {
        watch.stop();
      }
    },
  );

  register(
    60,
    'a watch from an expired resourceVersion: 410 Gone, or an ERROR event with Status Expired',
    async (s) => {
      const response = await s.http('GET', `${TRANSPORTS_PATH}?watch=true&resourceVersion=1`, {
        timeoutMs: 3000,
      });
      if (response.status === 410) return;
      const first = JSON.parse(response.text.split('\n')[0] ?? '') as unknown;
      expect(first, response.text.slice(0, 300)).toMatchObject({
        type: 'ERROR',
        object: { kind: 'Status', code: 410, reason: 'Expired' },
      });
    },
  );

  register(
    61,
    "an idle watch with allowWatchBookmarks gets a bookmark and outlives client-node's 30 s inactivity timeout",
    async (s) => {
      const watch = await watchTransports(s, {
        allowWatchBookmarks: true,
        labelSelector: `none=${s.suffix}`,
      });
      try {
        await sleep(35_000);
        expect(watch.ended(), 'the idle watch was closed').toBeUndefined();
        expect(watch.events, JSON.stringify(watch.events)).toContainEqual(
          expect.objectContaining({ type: 'BOOKMARK', resourceVersion: expect.stringMatching(/.+/) }),
        );
      } finally {
        watch.stop();
      }
    },
    60_000,
  );

  register(
    62,
    'client-node delete: a CR answers with the object, a Secret with Status Success',
    async (s) => {
      const deleted = (await s.customObjects.deleteNamespacedCustomObject({
        ...TRANSPORTS,
        name: s.name('cn'),
      })) as {
        kind: string;
        status?: string;
      };
      expect(
        deleted.kind === 'ServersTransportTCP' || deleted.status === 'Success',
        JSON.stringify(deleted),
      ).toBe(true);
      const secret = { metadata: { name: s.name('cnsec') }, stringData: { a: 'b' } };
      await s.core.createNamespacedSecret({ namespace: 'default', body: secret });
      const gone = await s.core.deleteNamespacedSecret({ namespace: 'default', name: s.name('cnsec') });
      expect(gone.kind === 'Secret' || gone.status === 'Success', JSON.stringify(gone)).toBe(true);
    },
  );

  register(
    63,
    'client-node core: Secret stringData becomes data, namespaces list, SelfSubjectAccessReview',
    async (s) => {
      const secret = await s.core.createNamespacedSecret({
        namespace: 'default',
        body: { metadata: { name: s.name('cnsec2') }, stringData: { a: 'b' } },
      });
      expect(secret.data?.['a']).toBe('Yg==');
      expect(secret.type).toBe('Opaque');
      expect(secret.stringData).toBeUndefined();
      const namespaces = await s.core.listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');
      const review = await s.authorization.createSelfSubjectAccessReview({
        body: {
          spec: {
            resourceAttributes: {
              group: 'traefik.io',
              resource: 'serverstransporttcps',
              verb: 'update',
              namespace: 'default',
            },
          },
        },
      });
      expect(review.status?.allowed, JSON.stringify(review)).toBe(true);
    },
  );

  register(
    64,
    'client-node KubernetesObjectApi: its default strategic patch on a CR is a 415, SSA works',
    async (s) => {
      const api = KubernetesObjectApi.makeApiClient(s.kubeConfig);
      const name = s.name('koa');
      await create(s, transport(name));
      const spec = (dialTimeout: string) => ({
        ...transport(name, { dialTimeout }),
        metadata: { name, namespace: 'default' },
      });
      const refused = await apiFailure(api.patch(spec('2s')));
      expect(refused.code).toBe(415);
      const applied = await api.patch(
        spec('3s'),
        undefined,
        undefined,
        'demo-app',
        true,
        PatchStrategy.ServerSideApply,
      );
      expect((applied as ApiObject).spec?.['dialTimeout']).toBe('3s');
    },
  );
}
