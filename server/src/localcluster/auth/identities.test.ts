import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../testing/harness.js';
import { apiError, kubectlMissingReason, startTestCluster, STT, transport } from '../testing/harness.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
  const admin = t.kc.makeApiClient(k8s.CoreV1Api);
  for (const name of ['demo', 'payments']) await admin.createNamespace({ body: { metadata: { name } } });
  await admin.createNamespacedSecret({
    namespace: 'demo',
    body: { metadata: { name: 'tls' }, stringData: { a: 'b' } },
  });
});
afterAll(() => t.close());

function withToken(token: string, headers: Record<string, string> = {}) {
  return { headers: { Authorization: `Bearer ${token}`, ...headers } };
}

describe('identities', () => {
  it('rejects an unknown token with 401 Unauthorized', async () => {
    const r = await t.http('/api/v1/namespaces', withToken('not-a-token'));
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      message: 'Unauthorized',
      code: 401,
    });
  });

  it('lets the editor change transports only in demo and read Secrets only there', async () => {
    const editor = t.kubeConfigAs('editor');
    const co = editor.makeApiClient(k8s.CustomObjectsApi);
    const core = editor.makeApiClient(k8s.CoreV1Api);
    await co.createNamespacedCustomObject({ ...STT, namespace: 'demo', body: transport('edited') });
    const elsewhere = await apiError(
      co.createNamespacedCustomObject({ ...STT, namespace: 'payments', body: transport('x') }),
    );
    expect(elsewhere.code).toBe(403);
    expect(elsewhere.body).toMatchObject({
      reason: 'Forbidden',
      message:
        'serverstransporttcps.traefik.io is forbidden: User "editor" cannot create resource "serverstransporttcps" in API group "traefik.io" in the namespace "payments"',
    });
    expect((await core.readNamespacedSecret({ namespace: 'demo', name: 'tls' })).data).toEqual({ a: 'Yg==' });
    const other = await apiError(core.listNamespacedSecret({ namespace: 'payments' }));
    expect(other.code).toBe(403);
  });

  it('lets the viewer read transports but never Secrets or writes', async () => {
    const viewer = t.kubeConfigAs('viewer');
    const co = viewer.makeApiClient(k8s.CustomObjectsApi);
    const list = await co.listClusterCustomObject({ ...STT });
    expect(list.items.map((i: k8s.KubernetesObject) => i.metadata?.name)).toContain('edited');
    const secret = await apiError(
      viewer.makeApiClient(k8s.CoreV1Api).readNamespacedSecret({ namespace: 'demo', name: 'tls' }),
    );
    expect(secret.body['message']).toBe(
      'secrets "tls" is forbidden: User "viewer" cannot get resource "secrets" in API group "" in the namespace "demo"',
    );
    const write = await apiError(
      co.deleteNamespacedCustomObject({ ...STT, namespace: 'demo', name: 'edited' }),
    );
    expect(write.code).toBe(403);
  });

  it('honours impersonation only for the administrator', async () => {
    const asViewer = await t.http(
      '/api/v1/namespaces/demo/secrets',
      withToken(t.cluster.tokens.admin, { 'Impersonate-User': 'viewer' }),
    );
    expect(asViewer.status).toBe(403);
    const escalate = await t.http(
      '/api/v1/namespaces/demo/secrets',
      withToken(t.cluster.tokens.viewer, { 'Impersonate-User': 'admin' }),
    );
    expect(escalate.status).toBe(403);
    expect((escalate.json as { message: string }).message).toBe(
      'users "admin" is forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    const masters = await t.http(
      '/api/v1/namespaces/demo/secrets',
      withToken(t.cluster.tokens.admin, {
        'Impersonate-User': 'someone',
        'Impersonate-Group': 'system:masters',
      }),
    );
    expect(masters.status).toBe(200);
  });

  it('answers access and rules reviews with the rules it enforces', async () => {
    const auth = t.kubeConfigAs('editor').makeApiClient(k8s.AuthorizationV1Api);
    const ask = async (verb: string, resource: string, namespace: string) =>
      (
        await auth.createSelfSubjectAccessReview({
          body: {
            spec: {
              resourceAttributes: {
                verb,
                resource,
                namespace,
                group: resource === 'secrets' ? '' : 'traefik.io',
              },
            },
          },
        })
      ).status?.allowed;
    expect(await ask('update', 'serverstransporttcps', 'demo')).toBe(true);
    expect(await ask('update', 'serverstransporttcps', 'payments')).toBe(false);
    expect(await ask('get', 'secrets', 'demo')).toBe(true);
    expect(await ask('get', 'secrets', 'payments')).toBe(false);
    const rules = await auth.createSelfSubjectRulesReview({ body: { spec: { namespace: 'demo' } } });
    expect(rules.status?.resourceRules).toContainEqual(
      expect.objectContaining({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }),
    );
    const payments = await auth.createSelfSubjectRulesReview({ body: { spec: { namespace: 'payments' } } });
    expect(payments.status?.resourceRules.some((r) => r.resources?.includes('secrets'))).toBe(false);
  });

  it.skipIf(kubectlMissingReason !== undefined)(
    'applies to kubectl through the kubeconfig contexts',
    async () => {
      const denied = await t.kubectl(['--context', 'dialtone-local-viewer', 'get', 'secrets', '-n', 'demo']);
      expect(denied.rc).toBe(1);
      expect(denied.err).toContain(
        'Error from server (Forbidden): secrets is forbidden: User "viewer" cannot list resource "secrets"',
      );
      const allowed = await t.kubectl([
        '--context',
        'dialtone-local-editor',
        'get',
        'secrets',
        '-n',
        'demo',
        '-o',
        'name',
      ]);
      expect(allowed.out.trim()).toBe('secret/tls');
    },
  );
});
