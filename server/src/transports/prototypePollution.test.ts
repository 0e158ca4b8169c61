import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentsResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND } from '../clusters/index.js';
import { startHarness, transportObject, yamlRequest, type Harness } from '../api/testing.js';

const HOSTILE = ['__proto__', 'constructor', 'prototype'];
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

function prototypeIntact(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

describe('prototype pollution through the cluster patches and the dashboard import', () => {
  let h: Harness;
  let objects: k8s.CustomObjectsApi;
  let core: k8s.CoreV1Api;

  beforeAll(async () => {
    h = await startHarness();
    const config = new k8s.KubeConfig();
    config.loadFromString(h.local.kubeconfigYaml);
    objects = config.makeApiClient(k8s.CustomObjectsApi);
    core = config.makeApiClient(k8s.CoreV1Api);
    await h.kube.create(
      TRANSPORT_KIND,
      'default',
      transportObject('default', 'target', { dialTimeout: '5s' }),
    );
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'target' }, data: { a: 'b' } },
    });
  });

  afterAll(() => h.close());

  it.each(HOSTILE)(
    'refuses "%s" in JSON, merge and strategic merge patches, and stays healthy',
    async (key) => {
      const as = (type: string) => k8s.setHeaderOptions('Content-Type', type);
      const transport = {
        group: 'traefik.io',
        version: 'v1alpha1',
        namespace: 'default',
        plural: 'serverstransporttcps',
        name: 'target',
      };
      const attempts = [
        objects.patchNamespacedCustomObject(
          { ...transport, body: [{ op: 'add', path: `/${key}/polluted`, value: 'yes' }] },
          as(k8s.PatchStrategy.JsonPatch),
        ),
        objects.patchNamespacedCustomObject(
          { ...transport, body: JSON.parse(`{"spec":{"${key}":{"polluted":"yes"}}}`) as object },
          as(k8s.PatchStrategy.MergePatch),
        ),
        core.patchNamespacedConfigMap(
          {
            namespace: 'default',
            name: 'target',
            body: JSON.parse(`{"${key}":{"polluted":"yes"}}`) as object,
          },
          as(k8s.PatchStrategy.StrategicMergePatch),
        ),
      ];
      for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: 400 });
      prototypeIntact();
      // Still serving, and the object is as it was.
      expect((await h.kube.get(TRANSPORT_KIND, 'default', 'target'))['spec']).toEqual({ dialTimeout: '5s' });
    },
  );

  it.each(HOSTILE)('refuses an import whose spec holds "%s", and stays healthy', async (key) => {
    const yaml = `apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: hostile}\nspec:\n  ${key}:\n    polluted: yes\n`;
    const response = await fetch(`${h.url}${apiPaths.importYaml(h.cluster)}`, yamlRequest('POST', yaml));
    const body = (await response.json()) as DocumentsResponse;
    expect(body.documents.map((d) => d.outcome)).toEqual(['failed']);
    expect(body.documents[0]!.diagnostics.map((d) => d.path)).toContain(`/spec/${key}`);
    prototypeIntact();
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'hostile')).rejects.toMatchObject({ status: 404 });
  });
});
