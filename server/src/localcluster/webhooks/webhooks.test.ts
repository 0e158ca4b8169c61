import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '../seed/certificates.js';
import { callWebhook } from './call.js';
import { startTestCluster, transport, type HttpInit, type TestCluster } from '../testing/harness.js';

const CONFIGS = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations';
const TRANSPORTS = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps';

interface Review {
  request: { uid: string; operation: string; dryRun: boolean; userInfo: { username: string } };
}

function json(method: string, body: unknown, headers: Record<string, string> = {}): HttpInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function configuration(name: string, url: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name },
    webhooks: [
      {
        name: `${name}.example.com`,
        clientConfig: { url },
        rules: [
          {
            operations: ['CREATE', 'UPDATE'],
            apiGroups: ['traefik.io'],
            apiVersions: ['*'],
            resources: ['serverstransporttcps'],
          },
        ],
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
        ...extra,
      },
    ],
  };
}

describe('validating admission webhooks', () => {
  let t: TestCluster;
  let webhook: Server;
  let url: string;
  let caBundle: string;
  const seen: Review[] = [];

  beforeAll(async () => {
    t = await startTestCluster();
    const ca = CertificateAuthority.create('webhook test CA');
    const pair = ca.issue({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usage: 'server' });
    caBundle = Buffer.from(ca.pair.certPem).toString('base64');
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Review;
        seen.push(review);
        const name = (review.request as { name?: string }).name ?? '';
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            response: { uid: review.request.uid, allowed: !name.startsWith('refused') },
          }),
        );
      });
    };
    webhook = createServer({ cert: pair.certPem, key: pair.keyPem }, handler);
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(webhook.address() as AddressInfo).port}/validate`;
  });

  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => webhook.close(resolve));
  });

  it('lets only the administrator manage webhook configurations, and refuses a malformed one', async () => {
    const asEditor = await t.http(
      CONFIGS,
      json('POST', configuration('sneaky', url), { authorization: `Bearer ${t.cluster.tokens.editor}` }),
    );
    expect(asEditor.status).toBe(403);
    const noVersions = configuration('broken', url, { admissionReviewVersions: ['v1beta1'] });
    const invalid = await t.http(CONFIGS, json('POST', noVersions));
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('admissionReviewVersions');
  });

  it('calls an https webhook trusted through caBundle, with the dry run flag, and honours its denial', async () => {
    const config = configuration('policy', url, { clientConfig: { url, caBundle } });
    expect((await t.http(CONFIGS, json('POST', config))).status).toBe(201);

    const dry = await t.http(`${TRANSPORTS}?dryRun=All`, json('POST', transport('refused-dry')));
    expect(dry.status).toBe(400);
    expect(dry.json).toMatchObject({
      message: 'admission webhook "policy.example.com" denied the request without explanation',
    });
    expect(seen.at(-1)!.request).toMatchObject({
      operation: 'CREATE',
      dryRun: true,
      userInfo: { username: 'admin' },
    });

    expect((await t.http(TRANSPORTS, json('POST', transport('accepted')))).status).toBe(201);
    expect(seen.at(-1)!.request.dryRun).toBe(false);
    expect((await t.http(`${TRANSPORTS}/refused-dry`)).status).toBe(404);
    expect((await t.http(`${CONFIGS}/policy`, { method: 'DELETE' })).status).toBe(200);
  });

  it('fails closed when the webhook cannot be called, unless its failure policy is Ignore', async () => {
    const gone = 'http://127.0.0.1:9/validate';
    expect((await t.http(CONFIGS, json('POST', configuration('closed', gone)))).status).toBe(201);
    const refused = await t.http(TRANSPORTS, json('POST', transport('while-closed')));
    expect(refused.status).toBe(500);
    expect(refused.text).toContain('failed calling webhook \\"closed.example.com\\"');
    expect((await t.http(`${CONFIGS}/closed`, { method: 'DELETE' })).status).toBe(200);

    const ignore = configuration('open', gone, { failurePolicy: 'Ignore' });
    expect(await t.http(CONFIGS, json('POST', ignore))).toMatchObject({ status: 201 });
    expect((await t.http(TRANSPORTS, json('POST', transport('while-open')))).status).toBe(201);
  });

  it('metadata-service webhook: refuses a configuration whose URL is not loopback, in every spelling', async () => {
    for (const target of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/',
      'https://10.0.0.1/validate',
      'https://webhook.example.com/validate',
      'http://0.0.0.0:9/validate',
      'ftp://127.0.0.1/validate',
    ]) {
      const r = await t.http(CONFIGS, json('POST', configuration('outside', target)));
      expect([target, r.status]).toEqual([target, 422]);
      expect((r.json as { message: string }).message).toMatch(/loopback|absolute http or https URL/);
    }
    expect((await t.http(`${CONFIGS}/outside`)).status).toBe(404);
    for (const target of ['http://127.0.0.2:9/', 'http://[::1]:9/', 'http://localhost:9/']) {
      const r = await t.http(CONFIGS, json('POST', configuration('inside', target)));
      expect([target, r.status]).toEqual([target, 201]);
      await t.http(`${CONFIGS}/inside`, { method: 'DELETE' });
    }
  });

  it('metadata-service webhook: never calls a non-loopback URL stored before the rule existed', async () => {
    const answer = await callWebhook(
      {
        name: 'old.example.com',
        url: 'http://169.254.169.254/latest/meta-data/',
        rules: [],
        failurePolicy: 'Fail',
        sideEffects: 'None',
        timeoutSeconds: 1,
      },
      { request: { uid: 'u' } },
    );
    expect(answer).toEqual({
      outcome: 'failed',
      message:
        'refused to call webhook at "http://169.254.169.254/latest/meta-data/": this cluster calls only webhooks on loopback (127.0.0.0/8, ::1 or localhost)',
    });
  });
});
