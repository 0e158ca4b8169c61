import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConfigObjectsResponse,
  NamespacesResponse,
  SessionResponse,
  TransportDetail,
  TransportListResponse,
} from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND } from '../../clusters/index.js';
import { errorOf, jsonRequest, transportObject } from '../../api/testing.js';
import { TestCA } from '../../probe/testing.js';
import { openEvents } from '../../transports/eventsClient.testing.js';
import type { ClusterUnderTest, Role } from '../clusterUnderTest.js';
import { startDialtoneOn, type DialtoneOnCluster } from '../dialtone.js';

// The editor may change transports and read Secrets in "demo" only, on both servers.
const DEMO = 'demo';
const PROXY_NS = 'suite-proxy';
const TOKEN_NS = 'suite-token';

/**
 * Proxy mode (impersonation of the user the authenticating proxy names) and token mode (each user's
 * own token, with SelfSubjectAccessReviews asked as that user), answered by the cluster's RBAC.
 */
export function identityScenarios(target: () => ClusterUnderTest): void {
  describe('proxy mode: every request impersonates its own identity', () => {
    let h: DialtoneOnCluster;
    const client = TestCA.create('Identity suite CA').issue({
      commonName: 'db.demo',
      dnsNames: ['db.demo'],
      uris: ['spiffe://demo/db'],
    });
    // Behind the authenticating proxy (the harness trusts 127.0.0.1), which names the user.
    const as = (who: 'viewer' | 'editor'): Record<string, string> => ({ 'x-forwarded-user': who });
    const nobody = { 'x-forwarded-user': 'nobody' };
    const mine = (body: TransportListResponse) =>
      body.items
        .filter((i) => i.namespace === PROXY_NS || i.namespace === DEMO)
        .map((i) => `${i.namespace}/${i.name}`)
        .sort();

    beforeAll(async () => {
      await target().create(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DEMO } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROXY_NS } },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'client-cert', namespace: DEMO },
          type: 'kubernetes.io/tls',
          data: {
            'tls.crt': Buffer.from(client.certPem).toString('base64'),
            'tls.key': Buffer.from(client.keyPem).toString('base64'),
          },
        },
      );
      h = await startDialtoneOn(target(), { auth: 'proxy' });
      await h.kube.create(TRANSPORT_KIND, PROXY_NS, transportObject(PROXY_NS, 'visible'));
      await h.kube.create(
        TRANSPORT_KIND,
        DEMO,
        transportObject(DEMO, 'mtls', {
          tls: { serverName: 'db.demo', certificatesSecrets: ['client-cert'] },
        }),
      );
    });

    afterAll(() => h.close());

    it('never shows cached objects to an identity that may not list them', async () => {
      const all = await fetch(`${h.url}${apiPaths.transports(h.cluster)}`, { headers: nobody });
      expect(all.status).toBe(200);
      expect(((await all.json()) as TransportListResponse).items).toEqual([]);
      const one = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=${PROXY_NS}`, {
        headers: nobody,
      });
      expect(one.status).toBe(403);
      expect((await errorOf(one)).code).toBe('forbidden');
      const detail = await fetch(`${h.url}${apiPaths.transport(h.cluster, PROXY_NS, 'visible')}`, {
        headers: nobody,
      });
      expect(detail.status).toBe(403);
      const everyone = await fetch(`${h.url}${apiPaths.transports(h.cluster)}`, { headers: as('viewer') });
      expect(mine((await everyone.json()) as TransportListResponse)).toEqual([
        `${DEMO}/mtls`,
        `${PROXY_NS}/visible`,
      ]);
    });

    it('leaves out of the event stream what the identity may not list', async () => {
      const hidden = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, undefined, nobody);
      const shown = await openEvents(
        `${h.url}${apiPaths.transportEvents(h.cluster)}`,
        undefined,
        as('viewer'),
      );
      try {
        await h.kube.create(TRANSPORT_KIND, PROXY_NS, transportObject(PROXY_NS, 'secret-plan'));
        await shown.next((e) => e.type === 'ADDED' && e.summary.name === 'secret-plan');
        await expect(hidden.next(() => true, 500)).rejects.toThrow(/no matching event/);
      } finally {
        hidden.close();
        shown.close();
      }
    });

    it('lets a viewer read but not change, and says so in the permissions', async () => {
      const detail = (await (
        await fetch(`${h.url}${apiPaths.transport(h.cluster, DEMO, 'mtls')}`, { headers: as('viewer') })
      ).json()) as TransportDetail;
      expect(detail.permissions).toEqual({ update: false, delete: false, readSecrets: false });
      expect(detail.references).toEqual([
        expect.objectContaining({ name: 'client-cert', state: 'forbidden' }),
      ]);
      const create = await fetch(
        `${h.url}${apiPaths.namespacedTransports(h.cluster, DEMO)}`,
        jsonRequest('POST', transportObject(DEMO, 'by-viewer'), as('viewer')),
      );
      expect(create.status).toBe(403);
      expect((await errorOf(create)).code).toBe('forbidden');
      const secrets = await fetch(`${h.url}${apiPaths.secrets(h.cluster, DEMO)}`, { headers: as('viewer') });
      expect(secrets.status).toBe(403);
    });

    it('lets an editor change only where the cluster allows it', async () => {
      const inDemo = await fetch(
        `${h.url}${apiPaths.namespacedTransports(h.cluster, DEMO)}`,
        jsonRequest('POST', transportObject(DEMO, 'by-editor'), as('editor')),
      );
      expect(inDemo.status).toBe(201);
      const elsewhere = await fetch(
        `${h.url}${apiPaths.namespacedTransports(h.cluster, PROXY_NS)}`,
        jsonRequest('POST', transportObject(PROXY_NS, 'by-editor'), as('editor')),
      );
      expect(elsewhere.status).toBe(403);
    });

    it('E-30: summarizes the certificate of a referenced Secret and lists Secret metadata, never their values', async () => {
      const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, DEMO, 'mtls')}`, {
        headers: as('editor'),
      });
      const text = await response.text();
      const detail = JSON.parse(text) as TransportDetail;
      expect(detail.permissions).toEqual({ update: true, delete: true, readSecrets: true });
      const [reference] = detail.references;
      expect(reference).toMatchObject({ kind: 'Secret', name: 'client-cert', state: 'ok', key: 'tls.crt' });
      expect(reference!.certificates).toEqual([
        expect.objectContaining({
          subject: 'CN=db.demo',
          dnsNames: ['db.demo'],
          uris: ['spiffe://demo/db'],
          expired: false,
        }),
      ]);
      const secrets = await fetch(`${h.url}${apiPaths.secrets(h.cluster, DEMO)}`, { headers: as('editor') });
      const secretsText = await secrets.text();
      expect((JSON.parse(secretsText) as ConfigObjectsResponse).items).toEqual([
        {
          name: 'client-cert',
          type: 'kubernetes.io/tls',
          keys: ['tls.crt', 'tls.key'],
          invisibleToTraefik: false,
        },
      ]);
      for (const body of [text, secretsText]) {
        expect(body).not.toContain('-----BEGIN');
        expect(body).not.toContain(Buffer.from(client.certPem).toString('base64').slice(0, 40));
        expect(body).not.toContain(Buffer.from(client.keyPem).toString('base64').slice(0, 40));
      }
    });
  });

  describe('token mode: each user logs in with a token and acts with it', () => {
    let h: DialtoneOnCluster;

    interface Session {
      cookie: string;
      csrfToken: string;
      body: SessionResponse;
      status: number;
    }

    async function login(token: string): Promise<Session> {
      const anonymous = await fetch(`${h.url}${apiPaths.session()}`);
      const cookie = anonymous.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await anonymous.json()) as SessionResponse;
      const response = await fetch(`${h.url}${apiPaths.session()}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      const body = (await response.json()) as SessionResponse;
      const sealed = response.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
      return { cookie: sealed, csrfToken: body.csrfToken, body, status: response.status };
    }

    const sessions = {} as Record<Role, Session>;

    beforeAll(async () => {
      await target().create(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DEMO } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: TOKEN_NS } },
        transportObject(DEMO, 'token-demo'),
        transportObject(TOKEN_NS, 'token-elsewhere'),
      );
      h = await startDialtoneOn(target(), { auth: 'token' });
      for (const role of ['admin', 'editor', 'viewer'] as Role[])
        sessions[role] = await login(target().tokens[role]);
    });

    afterAll(() => h.close());

    it('knows each user by the name the cluster gives their token, and refuses a token it does not know', async () => {
      for (const role of ['admin', 'editor', 'viewer'] as Role[]) {
        expect(sessions[role].status, role).toBe(200);
        expect(sessions[role].body).toMatchObject({ authenticated: true, user: { name: role } });
        expect(sessions[role].body.user?.groups, role).toContain('system:authenticated');
      }
      expect(sessions.admin.body.user?.groups).toContain('system:masters');
      const stranger = await login('not-a-token-this-cluster-knows');
      expect(stranger.status).toBe(401);
    });

    it('answers the permissions of a transport from access reviews asked as each user', async () => {
      const permissions = async (role: Role, namespace: string, name: string) => {
        const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, namespace, name)}`, {
          headers: { cookie: sessions[role].cookie },
        });
        expect(response.status, `${role} reads ${namespace}/${name}`).toBe(200);
        return ((await response.json()) as TransportDetail).permissions;
      };
      const all = { update: true, delete: true, readSecrets: true };
      const none = { update: false, delete: false, readSecrets: false };
      expect(await permissions('admin', DEMO, 'token-demo')).toEqual(all);
      expect(await permissions('editor', DEMO, 'token-demo')).toEqual(all);
      expect(await permissions('editor', TOKEN_NS, 'token-elsewhere')).toEqual(none);
      expect(await permissions('viewer', DEMO, 'token-demo')).toEqual(none);
    });

    it('says in which namespaces each user may create transports', async () => {
      const creatable = async (role: Role) => {
        const response = await fetch(`${h.url}${apiPaths.namespaces(h.cluster)}`, {
          headers: { cookie: sessions[role].cookie },
        });
        const body = (await response.json()) as NamespacesResponse;
        return body.namespaces
          .filter((n) => [DEMO, TOKEN_NS].includes(n.name) && n.createTransports)
          .map((n) => n.name)
          .sort();
      };
      expect(await creatable('admin')).toEqual([DEMO, TOKEN_NS]);
      expect(await creatable('editor')).toEqual([DEMO]);
      expect(await creatable('viewer')).toEqual([]);
    });

    it('writes with the user token: the viewer is refused, the editor saves in its namespace', async () => {
      const create = (role: Role, name: string) =>
        fetch(`${h.url}${apiPaths.namespacedTransports(h.cluster, DEMO)}`, {
          method: 'POST',
          headers: {
            cookie: sessions[role].cookie,
            'x-csrf-token': sessions[role].csrfToken,
            'content-type': 'application/json',
          },
          body: JSON.stringify(transportObject(DEMO, name)),
        });
      const refused = await create('viewer', 'token-by-viewer');
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).message).toContain('viewer');
      expect((await create('editor', 'token-by-editor')).status).toBe(201);
      const stored = await h.kube.get(TRANSPORT_KIND, DEMO, 'token-by-editor');
      expect(stored.metadata.name).toBe('token-by-editor');
    });
  });
}
