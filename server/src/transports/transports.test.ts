import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransportListResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { errorOf, startHarness, transportObject, writeHeaders, type Harness } from '../api/testing.js';

// Reading against a cluster with objects runs in the server suite (src/integration), against the
// embedded cluster and kube-apiserver; these are the checks Dialtone makes before asking any cluster.
describe('the transports API refuses bad paths before calling Kubernetes', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h.close());

  it('E-12: filters by namespace and refuses a namespace that is not a DNS-1123 label', async () => {
    const other = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=kube-system`);
    expect(((await other.json()) as TransportListResponse).items).toEqual([]);
    const bad = await fetch(`${h.url}${apiPaths.transports(h.cluster)}?namespace=%3Cscript%3E`);
    expect(bad.status).toBe(400);
    const error = await errorOf(bad);
    expect(error.code).toBe('bad_request');
    expect(error.message).not.toContain('<script>');
  });

  it('E-12: refuses hostile namespaces and names in the path by the DNS-1123 check, and never reflects them', async () => {
    const hostile = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg onload=alert(2)>'];
    const requests = hostile.flatMap((value): [string, string][] => [
      ['GET', apiPaths.transport(h.cluster, value, 'plain')],
      ['GET', apiPaths.transport(h.cluster, 'default', value)],
      ['POST', apiPaths.namespacedTransports(h.cluster, value)],
      ['GET', apiPaths.secrets(h.cluster, value)],
      ['GET', `${apiPaths.transports(h.cluster)}?namespace=${encodeURIComponent(value)}`],
    ]);
    for (const [method, url] of requests) {
      const body = method === 'POST' ? JSON.stringify(transportObject('default', 'x')) : undefined;
      const response = await fetch(`${h.url}${url}`, {
        method,
        // With the page's session and CSRF token, so the path check is what answers.
        headers: writeHeaders({ 'content-type': 'application/json' }),
        body,
      });
      expect(response.status, url).toBe(400);
      expect(response.headers.get('content-type'), url).toMatch(/^application\/json/);
      const text = await response.text();
      expect(text, url).not.toMatch(/<|%3C/i);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'bad_request' } });
    }
  });

  it('answers 404 for an unknown cluster and a bad name before calling Kubernetes', async () => {
    expect((await fetch(`${h.url}${apiPaths.transports('nope')}`)).status).toBe(404);
    const response = await fetch(`${h.url}${apiPaths.transport(h.cluster, 'default', 'Bad_Name')}`);
    expect(response.status).toBe(400);
  });
});
