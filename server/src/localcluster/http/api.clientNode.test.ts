import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { apiError, startTestCluster, STT, transport } from '../testing/harness.js';

let t: TestCluster;
let co: k8s.CustomObjectsApi;
let core: k8s.CoreV1Api;
const G = { ...STT, namespace: 'default' };

beforeAll(async () => {
  t = await startTestCluster();
  co = t.kc.makeApiClient(k8s.CustomObjectsApi);
  core = t.kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(() => t.close());

const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const ssa = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply);

describe('objects through @kubernetes/client-node', () => {
  it('creates with server-populated metadata and refuses a duplicate with AlreadyExists', async () => {
    const created = await co.createNamespacedCustomObject({ ...G, body: transport('cn-create') });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.namespace).toBe('default');
    const e = await apiError(co.createNamespacedCustomObject({ ...G, body: transport('cn-create') }));
    expect(e.code).toBe(409);
    expect(e.body).toMatchObject({
      kind: 'Status',
      reason: 'AlreadyExists',
      message: 'serverstransporttcps.traefik.io "cn-create" already exists',
      details: { name: 'cn-create', group: 'traefik.io', kind: 'serverstransporttcps' },
    });
  });

  it('answers a missing object with a NotFound Status', async () => {
    const e = await apiError(co.getNamespacedCustomObject({ ...G, name: 'nope' }));
    expect(e.code).toBe(404);
    expect(e.body).toMatchObject({
      reason: 'NotFound',
      message: 'serverstransporttcps.traefik.io "nope" not found',
    });
  });

  it('replaces with optimistic concurrency: stale versions conflict, a missing one is invalid', async () => {
    const o = await co.createNamespacedCustomObject({ ...G, body: transport('cn-replace') });
    const ok = await co.replaceNamespacedCustomObject({
      ...G,
      name: 'cn-replace',
      body: { ...o, spec: { dialTimeout: '20s' } },
    });
    expect(ok.metadata.generation).toBe(2);
    const stale = await apiError(
      co.replaceNamespacedCustomObject({
        ...G,
        name: 'cn-replace',
        body: { ...o, spec: { dialTimeout: '21s' } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(String(stale.body['message'])).toContain('the object has been modified');
    const noRv = structuredClone(ok);
    delete noRv.metadata.resourceVersion;
    const invalid = await apiError(
      co.replaceNamespacedCustomObject({ ...G, name: 'cn-replace', body: noRv }),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.body).toMatchObject({
      reason: 'Invalid',
      details: { causes: [{ field: 'metadata.resourceVersion' }] },
    });
  });

  it('patches with JSON patch (the default), merge patch, and refuses strategic merge on a custom resource', async () => {
    await co.createNamespacedCustomObject({ ...G, body: transport('cn-patch') });
    const jp = await co.patchNamespacedCustomObject({
      ...G,
      name: 'cn-patch',
      body: [{ op: 'replace', path: '/spec/dialTimeout', value: '22s' }],
    });
    expect(jp.spec.dialTimeout).toBe('22s');
    const objectAsJsonPatch = await apiError(
      co.patchNamespacedCustomObject({ ...G, name: 'cn-patch', body: { spec: { dialTimeout: '23s' } } }),
    );
    expect(objectAsJsonPatch.code).toBe(400);
    const failedTest = await apiError(
      co.patchNamespacedCustomObject({
        ...G,
        name: 'cn-patch',
        body: [{ op: 'test', path: '/spec/dialTimeout', value: 'x' }],
      }),
    );
    expect(failedTest.code).toBe(422);
    const mp = await co.patchNamespacedCustomObject(
      { ...G, name: 'cn-patch', body: { spec: { dialTimeout: '24s' } } },
      merge,
    );
    expect(mp.spec.dialTimeout).toBe('24s');
    const smp = await apiError(
      co.patchNamespacedCustomObject(
        { ...G, name: 'cn-patch', body: { spec: {} } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(smp.code).toBe(415);
    expect(smp.body['reason']).toBe('UnsupportedMediaType');
  });

  it('server-side applies with managedFields, conflicts between managers, and requires a field manager', async () => {
    const created = await co.patchNamespacedCustomObject(
      {
        ...G,
        name: 'cn-ssa',
        fieldManager: 'alice',
        body: transport('cn-ssa', { dialTimeout: '1s', terminationDelay: '2s' }),
      },
      ssa,
    );
    expect(created.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'alice', operation: 'Apply', fieldsType: 'FieldsV1' }),
    ]);
    const conflict = await apiError(
      co.patchNamespacedCustomObject(
        { ...G, name: 'cn-ssa', fieldManager: 'bob', body: transport('cn-ssa', { dialTimeout: '9s' }) },
        ssa,
      ),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body['message']).toBe(
      'Apply failed with 1 conflict: conflict with "alice" using traefik.io/v1alpha1: .spec.dialTimeout',
    );
    const forced = await co.patchNamespacedCustomObject(
      {
        ...G,
        name: 'cn-ssa',
        fieldManager: 'bob',
        force: true,
        body: transport('cn-ssa', { dialTimeout: '9s' }),
      },
      ssa,
    );
    expect(forced.spec.dialTimeout).toBe('9s');
    // alice keeps terminationDelay; re-applying without it removes it because nobody else owns it.
    const dropped = await co.patchNamespacedCustomObject(
      { ...G, name: 'cn-ssa', fieldManager: 'alice', body: transport('cn-ssa', {}) },
      ssa,
    );
    expect(dropped.spec).toEqual({ dialTimeout: '9s' });
    const missingManager = await apiError(
      co.patchNamespacedCustomObject({ ...G, name: 'cn-ssa', body: transport('cn-ssa') }, ssa),
    );
    expect(missingManager.code).toBe(422);
    expect(JSON.stringify(missingManager.body)).toContain('fieldManager');
  });

  it('does not persist dry runs', async () => {
    const o = await co.createNamespacedCustomObject({ ...G, dryRun: 'All', body: transport('cn-dry') });
    expect(o.metadata.name).toBe('cn-dry');
    expect((await apiError(co.getNamespacedCustomObject({ ...G, name: 'cn-dry' }))).code).toBe(404);
    const bad = await t.http(
      `/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps?dryRun=Some`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(transport('cn-dry2')),
      },
    );
    expect(bad.status).toBe(400);
  });

  it('reads DeleteOptions from the body when one is sent, ignoring ?dryRun= beside it, as kube-apiserver does', async () => {
    await co.createNamespacedCustomObject({ ...G, body: transport('cn-dry-delete') });
    const path = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps/cn-dry-delete';
    const inBody = await t.http(path, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dryRun: ['All'] }),
    });
    expect(inBody.status).toBe(200);
    expect((await co.getNamespacedCustomObject({ ...G, name: 'cn-dry-delete' })).metadata.name).toBe(
      'cn-dry-delete',
    );
    const besideBody = await t.http(`${path}?dryRun=All`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ preconditions: {} }),
    });
    expect(besideBody.status).toBe(200);
    expect((await apiError(co.getNamespacedCustomObject({ ...G, name: 'cn-dry-delete' }))).code).toBe(404);
  });

  it('pages lists with limit and continue and filters by labels and fields', async () => {
    for (const i of [1, 2, 3]) {
      await co.createNamespacedCustomObject({
        ...G,
        body: transport(`page-${i}`, undefined, { labels: { page: 'yes' } }),
      });
    }
    const p1 = await co.listNamespacedCustomObject({ ...G, labelSelector: 'page=yes', limit: 2 });
    expect(p1.kind).toBe('ServersTransportTCPList');
    expect(p1.items.map((i: k8s.KubernetesObject) => i.metadata?.name)).toEqual(['page-1', 'page-2']);
    const p2 = await co.listNamespacedCustomObject({
      ...G,
      labelSelector: 'page=yes',
      limit: 2,
      _continue: p1.metadata.continue,
    });
    expect(p2.items.map((i: k8s.KubernetesObject) => i.metadata?.name)).toEqual(['page-3']);
    expect(p2.metadata.continue).toBeUndefined();
    const byName = await co.listNamespacedCustomObject({ ...G, fieldSelector: 'metadata.name=page-2' });
    expect(byName.items).toHaveLength(1);
    const notIn = await co.listNamespacedCustomObject({ ...G, labelSelector: 'page notin (yes)' });
    expect(notIn.items.some((i: k8s.KubernetesObject) => i.metadata?.name?.startsWith('page-'))).toBe(false);
    const badField = await apiError(
      co.listNamespacedCustomObject({ ...G, fieldSelector: 'spec.dialTimeout=1s' }),
    );
    expect(badField).toMatchObject({
      code: 400,
      body: { message: 'field label not supported: spec.dialTimeout' },
    });
    expect(
      (await apiError(co.listNamespacedCustomObject({ ...G, limit: 1, _continue: 'garbage!!' }))).code,
    ).toBe(400);
  });

  it('holds an object with finalizers until the last finalizer is removed', async () => {
    await co.createNamespacedCustomObject({
      ...G,
      body: transport('cn-fin', undefined, { finalizers: ['example.com/hold'] }),
    });
    const marked = await co.deleteNamespacedCustomObject({ ...G, name: 'cn-fin' });
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(
      (await co.getNamespacedCustomObject({ ...G, name: 'cn-fin' })).metadata.deletionTimestamp,
    ).toBeDefined();
    await co.patchNamespacedCustomObject(
      { ...G, name: 'cn-fin', body: { metadata: { finalizers: null } } },
      merge,
    );
    expect((await apiError(co.getNamespacedCustomObject({ ...G, name: 'cn-fin' }))).code).toBe(404);
  });

  it('checks delete preconditions and name/namespace mismatches', async () => {
    await co.createNamespacedCustomObject({ ...G, body: transport('cn-pre') });
    const base = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';
    const json = { 'Content-Type': 'application/json' };
    const d = await t.http(`${base}/cn-pre`, {
      method: 'DELETE',
      headers: json,
      body: JSON.stringify({ preconditions: { uid: '00000000-0000-0000-0000-000000000000' } }),
    });
    expect(d.status).toBe(409);
    expect((d.json as { message: string }).message).toMatch(
      /^Operation cannot be fulfilled on ServersTransportTCP\.traefik\.io "cn-pre": the UID in the precondition \(0{8}-0{4}-0{4}-0{4}-0{12}\) does not match the UID in record/,
    );
    const p = await t.http(base, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(transport('cn-x', undefined, { namespace: 'other' })),
    });
    expect(p.status).toBe(400);
    expect(p.text).toContain('does not match the namespace');
    const u = await t.http(`${base}/cn-pre`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(transport('different')),
    });
    expect(u.status).toBe(400);
  });

  it('generates names from generateName and refuses invalid names', async () => {
    const base = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';
    const json = { 'Content-Type': 'application/json' };
    const gen = await t.http(base, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...transport(''), metadata: { generateName: 'gen-' } }),
    });
    expect(gen.status).toBe(201);
    expect((gen.json as { metadata: { name: string } }).metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const bad = await t.http(base, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(transport('Bad_Name')),
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ reason: 'Invalid', details: { causes: [{ field: 'metadata.name' }] } });
  });

  it('folds Secret stringData into data, deletes built-ins with a Success Status, and cascades namespace deletion', async () => {
    const s = await core.createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 'cn-secret' }, stringData: { a: 'b' } },
    });
    expect(s.data).toEqual({ a: 'Yg==' });
    expect(s.type).toBe('Opaque');
    expect(s).not.toHaveProperty('stringData');
    const deleted = (await core.deleteNamespacedSecret({
      namespace: 'default',
      name: 'cn-secret',
    })) as unknown as {
      kind: string;
      status: string;
    };
    expect(deleted).toMatchObject({ kind: 'Status', status: 'Success' });
    await core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    expect((await core.readNamespace({ name: 'doomed' })).status?.phase).toBe('Active');
    await co.createNamespacedCustomObject({ ...G, namespace: 'doomed', body: transport('inner') });
    await core.deleteNamespace({ name: 'doomed' });
    expect(
      (await apiError(co.getNamespacedCustomObject({ ...G, namespace: 'doomed', name: 'inner' }))).code,
    ).toBe(404);
    const missingNs = await apiError(
      co.createNamespacedCustomObject({ ...G, namespace: 'doomed', body: transport('x') }),
    );
    expect(missingNs).toMatchObject({ code: 404, body: { message: 'namespaces "doomed" not found' } });
  });

  it('checks built-in kinds for unknown fields and protects the system namespaces', async () => {
    const base = '/api/v1/namespaces/default/configmaps';
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { a: 'b' },
      datta: {},
    });
    const headers = { 'Content-Type': 'application/json' };
    const strict = await t.http(`${base}?fieldValidation=Strict`, { method: 'POST', headers, body });
    expect(strict.status).toBe(400);
    expect((strict.json as { message: string }).message).toContain(
      'strict decoding error: unknown field "datta"',
    );
    const warn = await t.http(base, { method: 'POST', headers, body });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toContain('unknown field');
    expect(warn.json).not.toHaveProperty('datta');
    const e = await apiError(core.deleteNamespace({ name: 'default' }));
    expect(e.code).toBe(403);
  });

  it('applies through KubernetesObjectApi, which resolves the resource from discovery', async () => {
    const api = k8s.KubernetesObjectApi.makeApiClient(t.kc);
    await co.createNamespacedCustomObject({ ...G, body: transport('koa') });
    const body = {
      ...transport('koa', { dialTimeout: '3s' }),
      metadata: { name: 'koa', namespace: 'default' },
    };
    expect((await apiError(api.patch(body))).code).toBe(415);
    const o = await api.patch(
      body,
      undefined,
      undefined,
      'demo-app',
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
    expect((o as unknown as { spec: { dialTimeout: string } }).spec.dialTimeout).toBe('3s');
  });
});

describe('HTTP details', () => {
  it('renders Tables on request and lists otherwise', async () => {
    const path = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';
    const table = await t.http(path, {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    expect(table.json).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [{ name: 'Name' }, { name: 'Age', type: 'date' }],
    });
    const rows = (
      table.json as { rows: { cells: string[]; object: { kind: string; metadata: { name: string } } }[] }
    ).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.object.kind).toBe('PartialObjectMetadata');
      expect(row.object.metadata.name).toBe(row.cells[0]);
      expect(row.cells[1]).toMatch(/^\d+[smhd]/);
    }
    const plain = await t.http(path, { headers: { Accept: 'application/json' } });
    expect((plain.json as { kind: string }).kind).toBe('ServersTransportTCPList');
  });

  it("answers unknown paths as kube-apiserver does, with Go's plain-text 404", async () => {
    const unknown = await t.http('/apis/traefik.io/v1alpha1/namespaces/default/gatewaytcps', {
      headers: { Accept: 'application/json' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(unknown.text).toBe('404 page not found\n');
    expect((await t.http('/apis/nope.example.com/v1')).text).toBe('404 page not found\n');
    const version = (await t.http('/version')).json as { major: string; minor: string; gitVersion: string };
    expect(version).toMatchObject({ major: '1', minor: '32' });
    expect(version.gitVersion).toMatch(/^v1\.32\.\d+$/);
  });

  it('serves aggregated and legacy discovery, and OpenAPI v3 with the PATCH fieldValidation parameter', async () => {
    const agg = await t.http('/apis', {
      headers: {
        Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(agg.headers.get('content-type')).toContain('as=APIGroupDiscoveryList');
    expect((agg.json as { kind: string }).kind).toBe('APIGroupDiscoveryList');
    const legacy = (await t.http('/apis')).json as { kind: string; groups: { name: string }[] };
    expect(legacy.kind).toBe('APIGroupList');
    expect(legacy.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining([
        'traefik.io',
        'discovery.k8s.io',
        'authorization.k8s.io',
        'apiextensions.k8s.io',
      ]),
    );
    const index = (await t.http('/openapi/v3')).json as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    const doc = (await t.http(index.paths['apis/traefik.io/v1alpha1']?.serverRelativeURL ?? '')).json as {
      paths: Record<
        string,
        { patch?: { parameters: { name: string }[]; 'x-kubernetes-group-version-kind': { kind: string } } }
      >;
    };
    const patch = Object.values(doc.paths)
      .map((p) => p.patch)
      .find((op) => op?.['x-kubernetes-group-version-kind'].kind === 'ServersTransportTCP');
    expect(patch?.parameters.map((p) => p.name)).toContain('fieldValidation');
  });

  it('serves the installed CRDs read-only', async () => {
    const ext = t.kc.makeApiClient(k8s.ApiextensionsV1Api);
    const crd = await ext.readCustomResourceDefinition({ name: 'serverstransporttcps.traefik.io' });
    expect(crd.spec.names.kind).toBe('ServersTransportTCP');
    expect(crd.spec.versions[0]?.schema?.openAPIV3Schema?.properties?.['spec']).toBeDefined();
    const e = await apiError(ext.deleteCustomResourceDefinition({ name: 'serverstransporttcps.traefik.io' }));
    expect(e.code).toBe(405);
  });
});
