import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigObjectsResponse, TransportDetail, TransportListResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND } from '../clusters/index.js';
import { errorOf, jsonRequest, startHarness, transportObject, type Harness } from '../api/testing.js';
import { openEvents } from './eventsClient.testing.js';

function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=db.demo',
        '-addext',
        'subjectAltName=DNS:db.demo,URI:spiffe://demo/db',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('every request acts as its own identity', () => {
  let h: Harness;
  let pem: { cert: string; key: string };
  // Behind the authenticating proxy (the harness trusts 127.0.0.1), which names the user.
  const as = (who: 'viewer' | 'editor'): Record<string, string> => ({ 'x-forwarded-user': who });
  const nobody = { 'x-forwarded-user': 'nobody' };

  beforeAll(async () => {
    h = await startHarness({ auth: 'proxy' });
    pem = selfSignedCertificate();
    const admin = (path: string, body: unknown) =>
      h.clusterFetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await admin('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    await admin('/api/v1/namespaces/demo/secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'client-cert' },
      type: 'kubernetes.io/tls',
      data: {
        'tls.crt': Buffer.from(pem.cert).toString('base64'),
        'tls.key': Buffer.from(pem.key).toString('base64'),
      },
    });
    await h.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'visible'));
    await h.kube.create(
      TRANSPORT_KIND,
      'demo',
      transportObject('demo', 'mtls', {
        tls: { serverName: 'db.demo', certificatesSecrets: ['client-cert'] },
      }),
    );
  });

  afterAll(() => h.close());

  it('never shows cached objects to an identity that may not list them', async () => {
    const all = await fetch(`${h.url}${apiPaths.transports(h.cluster)}`, { headers: nobody });
    expect(all.status).toBe(200);
    expect(((await all.json()) as TransportListResponse).items).toEqual([]);
    const one = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=default`, {
      headers: nobody,
    });
    expect(one.status).toBe(403);
    expect((await errorOf(one)).code).toBe('forbidden');
    const detail = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'visible')}`, {
      headers: nobody,
    });
    expect(detail.status).toBe(403);
    const everyone = await fetch(`${h.url}${apiPaths.transports(h.cluster)}`, { headers: as('viewer') });
    expect(((await everyone.json()) as TransportListResponse).items.map((i) => i.name)).toEqual([
      'visible',
      'mtls',
    ]);
  });

  it('leaves out of the event stream what the identity may not list', async () => {
    const hidden = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, undefined, nobody);
    const shown = await openEvents(`${h.url}${apiPaths.transportEvents(h.cluster)}`, undefined, as('viewer'));
    try {
      await h.kube.create(TRANSPORT_KIND, 'default', transportObject('default', 'secret-plan'));
      await shown.next((e) => e.type === 'ADDED' && e.summary.name === 'secret-plan');
      await expect(hidden.next(() => true, 500)).rejects.toThrow(/no matching event/);
    } finally {
      hidden.close();
      shown.close();
    }
  });

  it('lets a viewer read but not change, and says so in the permissions', async () => {
    const detail = (await (
      await fetch(`${h.url}${apiPaths.transport(h.cluster, 'demo', 'mtls')}`, { headers: as('viewer') })
    ).json()) as TransportDetail;
    expect(detail.permissions).toEqual({ update: false, delete: false, readSecrets: false });
    expect(detail.references).toEqual([expect.objectContaining({ name: 'client-cert', state: 'forbidden' })]);
    const create = await fetch(
      `${h.url}${apiPaths.namespacedTransports(h.cluster, 'demo')}`,
      jsonRequest('POST', transportObject('demo', 'by-viewer'), as('viewer')),
    );
    expect(create.status).toBe(403);
    expect((await errorOf(create)).code).toBe('forbidden');
    const secrets = await fetch(`${h.url}${apiPaths.secrets(h.cluster, 'demo')}`, { headers: as('viewer') });
    expect(secrets.status).toBe(403);
  });

  it('lets an editor change only where the cluster allows it', async () => {
    const inDemo = await fetch(
      `${h.url}${apiPaths.namespacedTransports(h.cluster, 'demo')}`,
      jsonRequest('POST', transportObject('demo', 'by-editor'), as('editor')),
    );
    expect(inDemo.status).toBe(201);
    const inDefault = await fetch(
      `${h.url}${apiPaths.namespacedTransports(h.cluster, 'default')}`,
      jsonRequest('POST', transportObject('default', 'by-editor'), as('editor')),
    );
    expect(inDefault.status).toBe(403);
  });

  it('E-30: summarizes the certificate of a referenced Secret and never sends its contents', async () => {
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'demo', 'mtls')}`, {
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
    const secrets = await fetch(`${h.url}${apiPaths.secrets(h.cluster, 'demo')}`, { headers: as('editor') });
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
      expect(body).not.toContain(Buffer.from(pem.cert).toString('base64').slice(0, 40));
      expect(body).not.toContain(Buffer.from(pem.key).toString('base64').slice(0, 40));
    }
  });
});
