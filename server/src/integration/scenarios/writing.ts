import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type {
  ConflictDetails,
  Diagnostic,
  DocumentsResponse,
  TransportWriteResponse,
} from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { KubeApiError, TRANSPORT_KIND } from '../../clusters/index.js';
import { errorOf, jsonRequest, transportObject, writeHeaders, yamlRequest } from '../../api/testing.js';
import type { ClusterUnderTest } from '../clusterUnderTest.js';
import { startDialtoneOn, type DialtoneOnCluster } from '../dialtone.js';

const NS = 'suite-write';

function paths(diagnostics: unknown): string[] {
  return ((diagnostics as { diagnostics: Diagnostic[] }).diagnostics ?? []).map((d) => d.path);
}

/** Every write Dialtone makes, answered by the cluster under test. */
export function writingScenarios(target: () => ClusterUnderTest): void {
  describe('writing transports: create, update with 409 and the current object, delete with a precondition, strict field validation, dry run', () => {
    let h: DialtoneOnCluster;
    let collection: string;
    const one = (name: string) => apiPaths.transport(h.cluster, NS, name);

    beforeAll(async () => {
      await target().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
      h = await startDialtoneOn(target());
      collection = `${h.url}${apiPaths.namespacedTransports(h.cluster, NS)}`;
    });

    afterAll(() => h.close());

    it('creates from JSON and answers 201 with the stored object', async () => {
      const response = await fetch(
        collection,
        jsonRequest('POST', transportObject(NS, 'created', { dialTimeout: '3s' })),
      );
      expect(response.status).toBe(201);
      const body = (await response.json()) as TransportWriteResponse;
      expect(body.dryRun).toBe(false);
      expect(body.object.metadata.resourceVersion).toMatch(/^\d+$/);
      expect((await h.kube.get(TRANSPORT_KIND, NS, 'created'))['spec']).toEqual({ dialTimeout: '3s' });
    });

    it('creates from YAML', async () => {
      const yaml =
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: from-yaml\nspec:\n  dialKeepAlive: 10s\n';
      const response = await fetch(collection, yamlRequest('POST', yaml));
      expect(response.status).toBe(201);
      expect((await h.kube.get(TRANSPORT_KIND, NS, 'from-yaml'))['spec']).toEqual({
        dialKeepAlive: '10s',
      });
    });

    it('E-09: refuses unknown fields and bad values with diagnostics on the fields, and sends nothing', async () => {
      const bad = transportObject(NS, 'typo', {
        dialTimeout: '5 parsecs',
        tls: { insecureSkipVerfy: true },
      });
      const response = await fetch(collection, jsonRequest('POST', bad));
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(paths(error.details)).toEqual(
        expect.arrayContaining(['/spec/dialTimeout', '/spec/tls/insecureSkipVerfy']),
      );
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'typo')).rejects.toBeInstanceOf(KubeApiError);
    });

    it('E-09: maps the strict API server errors to fields when validating', async () => {
      const yaml = [
        'apiVersion: traefik.io/v1alpha1',
        'kind: ServersTransportTCP',
        'metadata: {name: checked}',
        'spec: {tls: {insecureSkipVerfy: true}}',
      ].join('\n');
      const response = await fetch(
        `${h.url}${apiPaths.validate(h.cluster)}?namespace=${NS}`,
        yamlRequest('POST', yaml),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as DocumentsResponse;
      expect(body.dryRun).toBe(true);
      const [document] = body.documents;
      expect(document!.valid).toBe(false);
      const sources = document!.diagnostics
        .filter((d) => d.path === '/spec/tls/insecureSkipVerfy')
        .map((d) => d.source);
      expect(sources).toEqual(expect.arrayContaining(['schema', 'kubernetes']));
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'checked')).rejects.toBeInstanceOf(KubeApiError);
    });

    it('dry-runs a create without saving it', async () => {
      const response = await fetch(
        `${collection}?dryRun=true`,
        jsonRequest('POST', transportObject(NS, 'dry')),
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as TransportWriteResponse).dryRun).toBe(true);
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'dry')).rejects.toMatchObject({ status: 404 });
    });

    it('E-07: refuses a Secret, a ClusterRoleBinding or an IngressRouteTCP sent as a transport, and stores nothing', async () => {
      const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } };
      expect((await errorOf(await fetch(collection, jsonRequest('POST', secret)))).code).toBe('wrong_kind');
      const binding = {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'x' },
        roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      };
      const refusedBinding = await fetch(collection, jsonRequest('POST', binding));
      expect(refusedBinding.status).toBe(400);
      expect((await errorOf(refusedBinding)).code).toBe('wrong_kind');
      const route = { ...transportObject(NS, 'x'), kind: 'IngressRouteTCP' };
      expect((await errorOf(await fetch(collection, jsonRequest('POST', route)))).code).toBe('wrong_kind');
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'x')).rejects.toMatchObject({ status: 404 });
    });

    it('E-08: refuses a namespace or a name that differs from the URL', async () => {
      const moved = transportObject('kube-system', 'moved');
      expect((await errorOf(await fetch(collection, jsonRequest('POST', moved)))).code).toBe(
        'identity_mismatch',
      );
      const renamed = {
        ...transportObject(NS, 'other'),
        metadata: { name: 'other', resourceVersion: '1' },
      };
      const rename = await fetch(`${h.url}${one('created')}`, jsonRequest('PUT', renamed));
      expect(rename.status).toBe(400);
      expect((await errorOf(rename)).code).toBe('identity_mismatch');
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'other')).rejects.toMatchObject({ status: 404 });
    });

    it('E-02: refuses several documents where one object is expected', async () => {
      const two = 'kind: ServersTransportTCP\n---\nkind: ServersTransportTCP\n';
      const response = await fetch(collection, yamlRequest('POST', two));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('multiple_documents');
    });

    it('E-01: refuses tab indentation, and a text/plain body (E-31)', async () => {
      const broken = await fetch(collection, yamlRequest('POST', 'metadata:\n\tname: x\n'));
      expect(broken.status).toBe(400);
      expect((await errorOf(broken)).code).toBe('yaml_parse_error');
      const text = await fetch(collection, {
        method: 'POST',
        headers: writeHeaders({ 'content-type': 'text/plain' }),
        body: 'x',
      });
      expect(text.status).toBe(415);
    });

    it('requires metadata.resourceVersion on update', async () => {
      const response = await fetch(
        `${h.url}${one('created')}`,
        jsonRequest('PUT', transportObject(NS, 'created')),
      );
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toContain('resourceVersion');
    });

    it('E-38: answers the second of two tabs saving the same version with 409 and the current object', async () => {
      const original = await h.kube.get(TRANSPORT_KIND, NS, 'created');
      const tab = (dialTimeout: string) => ({ ...original, spec: { dialTimeout } });
      const first = await fetch(`${h.url}${one('created')}`, jsonRequest('PUT', tab('7s')));
      expect(first.status).toBe(200);
      const saved = (await first.json()) as TransportWriteResponse;
      expect(saved.object.metadata.resourceVersion).not.toBe(original.metadata.resourceVersion);

      const second = await fetch(`${h.url}${one('created')}`, jsonRequest('PUT', tab('9s')));
      expect(second.status).toBe(409);
      const error = await errorOf(second);
      expect(error.code).toBe('conflict');
      const current = (error.details as ConflictDetails).current;
      expect(current.spec).toEqual({ dialTimeout: '7s' });
      expect(current.metadata.resourceVersion).toBe(saved.object.metadata.resourceVersion);
      expect((await h.kube.get(TRANSPORT_KIND, NS, 'created'))['spec']).toEqual({ dialTimeout: '7s' });
    });

    it('E-37: refuses a save over a change made with kubectl meanwhile, and keeps both versions', async () => {
      await h.kube.create(TRANSPORT_KIND, NS, transportObject(NS, 'edited', { dialTimeout: '1s' }));
      const opened = await h.kube.get(TRANSPORT_KIND, NS, 'edited');
      await h.kube.replace(TRANSPORT_KIND, NS, 'edited', { ...opened, spec: { dialTimeout: '2s' } });

      const save = await fetch(
        `${h.url}${one('edited')}`,
        jsonRequest('PUT', { ...opened, spec: { dialTimeout: '3s' } }),
      );
      // The cluster answers 409 only because the save carried the resourceVersion the editor was opened with.
      expect(save.status).toBe(409);
      const error = await errorOf(save);
      expect(error.code).toBe('conflict');
      const current = (error.details as ConflictDetails).current;
      expect(current.spec).toEqual({ dialTimeout: '2s' });
      expect(current.metadata.resourceVersion).not.toBe(opened.metadata.resourceVersion);
      const stored = await h.kube.get(TRANSPORT_KIND, NS, 'edited');
      expect(stored['spec']).toEqual({ dialTimeout: '2s' });
      await h.kube.delete(TRANSPORT_KIND, NS, 'edited', stored.metadata.resourceVersion ?? '');
    });

    it('dry-runs an update without saving it', async () => {
      const live = await h.kube.get(TRANSPORT_KIND, NS, 'created');
      const response = await fetch(
        `${h.url}${one('created')}?dryRun=true`,
        jsonRequest('PUT', { ...live, spec: { dialTimeout: '1m' } }),
      );
      expect(response.status).toBe(200);
      expect((await h.kube.get(TRANSPORT_KIND, NS, 'created'))['spec']).toEqual({ dialTimeout: '7s' });
    });

    it('deletes only with the resourceVersion the user saw', async () => {
      const live = await h.kube.get(TRANSPORT_KIND, NS, 'from-yaml');
      const missing = await fetch(`${h.url}${one('from-yaml')}`, {
        method: 'DELETE',
        headers: writeHeaders(),
      });
      expect(missing.status).toBe(400);
      const stale = await fetch(`${h.url}${one('from-yaml')}?resourceVersion=1`, {
        method: 'DELETE',
        headers: writeHeaders(),
      });
      expect(stale.status).toBe(409);
      expect(((await errorOf(stale)).details as ConflictDetails).current.metadata.name).toBe('from-yaml');
      const dry = await fetch(
        `${h.url}${one('from-yaml')}?resourceVersion=${live.metadata.resourceVersion}&dryRun=true`,
        { method: 'DELETE', headers: writeHeaders() },
      );
      expect(dry.status).toBe(200);
      await h.kube.get(TRANSPORT_KIND, NS, 'from-yaml');
      const ok = await fetch(`${h.url}${one('from-yaml')}?resourceVersion=${live.metadata.resourceVersion}`, {
        method: 'DELETE',
        headers: writeHeaders(),
      });
      expect(ok.status).toBe(204);
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'from-yaml')).rejects.toMatchObject({ status: 404 });
    });

    it('answers a create of an existing name with 409 already_exists, naming it, with nothing to rebase', async () => {
      const response = await fetch(collection, jsonRequest('POST', transportObject(NS, 'created')));
      expect(response.status).toBe(409);
      const error = await errorOf(response);
      expect(error.code).toBe('already_exists');
      expect(error.message).toContain(`already exists in ${NS}`);
      expect(error.details).toEqual({ namespace: NS, name: 'created' });
    });

    it('exports clean YAML that kubectl can apply', async () => {
      await h.kube.create(TRANSPORT_KIND, NS, {
        ...transportObject(NS, 'annotated', { dialTimeout: '2s' }),
        metadata: {
          name: 'annotated',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'db' },
        },
      });
      const response = await fetch(`${h.url}${apiPaths.exportYaml(h.cluster)}?namespace=${NS}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
      const text = await response.text();
      for (const field of [
        'resourceVersion',
        'uid',
        'managedFields',
        'creationTimestamp',
        'generation',
        'last-applied',
      ]) {
        expect(text).not.toContain(field);
      }
      const documents = text
        .split(/^---$/m)
        .filter((d) => d.trim() !== '')
        .map((d) => parse(d) as { metadata: { name: string; annotations?: unknown }; apiVersion: string });
      expect(documents.map((d) => d.metadata.name)).toEqual(['annotated', 'created']);
      expect(documents[0]!.apiVersion).toBe('traefik.io/v1alpha1');
      expect(documents[0]!.metadata.annotations).toEqual({ team: 'db' });

      const single = await fetch(`${h.url}${apiPaths.exportYaml(h.cluster)}?namespace=${NS}&name=created`);
      expect((await single.text()).match(/kind: ServersTransportTCP/g)).toHaveLength(1);
      expect(
        (await fetch(`${h.url}${apiPaths.exportYaml(h.cluster)}?namespace=${NS}&name=nope`)).status,
      ).toBe(404);
    });

    it('imports several documents with a result for each, dry run first', async () => {
      const stream = [
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: imported}\nspec: {dialTimeout: 4s}',
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: created}\nspec: {dialTimeout: 7s}',
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: annotated}\nspec: {dialTimeout: 8s}',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}',
      ].join('\n---\n');
      const dry = await fetch(
        `${h.url}${apiPaths.importYaml(h.cluster)}?namespace=${NS}&dryRun=true`,
        yamlRequest('POST', stream),
      );
      expect(dry.status).toBe(200);
      const planned = (await dry.json()) as DocumentsResponse;
      expect(planned.dryRun).toBe(true);
      expect(planned.documents.map((d) => d.outcome)).toEqual(['created', 'unchanged', 'updated', 'skipped']);
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'imported')).rejects.toMatchObject({ status: 404 });

      const applied = (await (
        await fetch(`${h.url}${apiPaths.importYaml(h.cluster)}?namespace=${NS}`, yamlRequest('POST', stream))
      ).json()) as DocumentsResponse;
      expect(applied.documents.map((d) => d.outcome)).toEqual(['created', 'unchanged', 'updated', 'skipped']);
      expect((await h.kube.get(TRANSPORT_KIND, NS, 'imported'))['spec']).toEqual({ dialTimeout: '4s' });
      expect((await h.kube.get(TRANSPORT_KIND, NS, 'annotated'))['spec']).toEqual({ dialTimeout: '8s' });
    });

    it('applies nothing when one document of an import fails', async () => {
      const stream = [
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: would-be}\nspec: {}',
        'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata: {name: broken}\nspec: {dialTimeout: soon}',
      ].join('\n---\n');
      const body = (await (
        await fetch(`${h.url}${apiPaths.importYaml(h.cluster)}?namespace=${NS}`, yamlRequest('POST', stream))
      ).json()) as DocumentsResponse;
      expect(body.documents.map((d) => d.outcome)).toEqual(['skipped', 'failed']);
      expect(body.documents[1]!.diagnostics.map((d) => d.path)).toContain('/spec/dialTimeout');
      await expect(h.kube.get(TRANSPORT_KIND, NS, 'would-be')).rejects.toMatchObject({ status: 404 });
    });
  });
}
