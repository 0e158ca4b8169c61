import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@dialtone/shared';
import { TRANSPORT_KIND } from '../clusters/index.js';
import { listen, serverUrl, stopServer } from '../http/index.js';
import { errorOf, jsonRequest, startHarness, transportObject, type Harness } from '../api/testing.js';

interface Review {
  request: { uid: string; dryRun: boolean; object: { spec?: { dialTimeout?: string } } };
}

const DENIAL = 'a dialTimeout of 13s is not allowed in this cluster';

/** A validating webhook as a cluster operator would run it: refuses 13s, and hangs on 31s. */
function startWebhook(seen: Review[]): Promise<Server> {
  return listen(
    (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void (async () => {
          const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Review;
          seen.push(review);
          const timeout = review.request.object.spec?.dialTimeout;
          if (timeout === '31s') await sleep(1_500);
          const allowed = timeout !== '13s';
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              apiVersion: 'admission.k8s.io/v1',
              kind: 'AdmissionReview',
              response: {
                uid: review.request.uid,
                allowed,
                ...(allowed ? {} : { status: { code: 403, message: DENIAL } }),
              },
            }),
          );
        })();
      });
    },
    '127.0.0.1',
    0,
  );
}

describe('E-43: a validating admission webhook of the cluster', () => {
  let h: Harness;
  let webhook: Server;
  let collection: string;
  const seen: Review[] = [];

  beforeAll(async () => {
    h = await startHarness();
    webhook = await startWebhook(seen);
    collection = `${h.url}${apiPaths.namespacedTransports(h.cluster, 'default')}`;
    const registered = await h.clusterFetch(
      '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
      jsonRequest('POST', {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'dial-policy' },
        webhooks: [
          {
            name: 'dial-timeouts.example.com',
            clientConfig: { url: `${serverUrl(webhook)}/validate` },
            rules: [
              {
                operations: ['CREATE', 'UPDATE'],
                apiGroups: ['traefik.io'],
                apiVersions: ['v1alpha1'],
                resources: ['serverstransporttcps'],
              },
            ],
            sideEffects: 'None',
            admissionReviewVersions: ['v1'],
            failurePolicy: 'Fail',
            timeoutSeconds: 1,
          },
        ],
      }),
    );
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await h.close();
    await stopServer(webhook, 100);
  });

  it('E-43: shows the webhook message in a dry run, and stores nothing', async () => {
    const before = seen.length;
    const response = await fetch(
      `${collection}?dryRun=true`,
      jsonRequest('POST', transportObject('default', 'unlucky', { dialTimeout: '13s' })),
    );
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain(
      `admission webhook "dial-timeouts.example.com" denied the request: ${DENIAL}`,
    );
    expect(seen.slice(before).map((r) => r.request.dryRun)).toEqual([true]);
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'unlucky')).rejects.toMatchObject({ status: 404 });
  });

  it('E-43: refuses the real save of the same object, and stores nothing', async () => {
    const response = await fetch(
      collection,
      jsonRequest('POST', transportObject('default', 'unlucky', { dialTimeout: '13s' })),
    );
    expect(response.status).toBe(422);
    expect((await errorOf(response)).message).toContain(DENIAL);
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'unlucky')).rejects.toMatchObject({ status: 404 });

    const allowed = await fetch(
      collection,
      jsonRequest('POST', transportObject('default', 'lucky', { dialTimeout: '12s' })),
    );
    expect(allowed.status).toBe(201);
    expect((await h.kube.get(TRANSPORT_KIND, 'default', 'lucky'))['spec']).toEqual({ dialTimeout: '12s' });
  });

  it('E-43: says clearly that the webhook did not answer in time, and stores nothing', async () => {
    const started = Date.now();
    const response = await fetch(
      collection,
      jsonRequest('POST', transportObject('default', 'slow', { dialTimeout: '31s' })),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(502);
    const error = await errorOf(response);
    expect(error.code).toBe('admission_webhook_failed');
    expect(error.message).toContain('failed calling webhook "dial-timeouts.example.com"');
    expect(error.message).toContain('context deadline exceeded');
    expect(error.message).toContain('nothing was saved');
    await expect(h.kube.get(TRANSPORT_KIND, 'default', 'slow')).rejects.toMatchObject({ status: 404 });
  });
});
