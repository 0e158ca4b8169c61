import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../testing/harness.js';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => {
  await t.close();
});

const path = '/apis/traefik.io/v1alpha1/namespaces/default/serverstransporttcps/applied?fieldManager=test';

describe('prototype pollution through server-side apply', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses an applied configuration naming "%s"',
    async (key) => {
      const body = `{"apiVersion":"traefik.io/v1alpha1","kind":"ServersTransportTCP","metadata":{"name":"applied"},"spec":{"tls":{"${key}":{"polluted":"yes"}}}}`;
      const res = await t.http(path, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/apply-patch+yaml' },
        body,
      });
      expect(res.status).toBe(400);
      expect((res.json as { message: string }).message).toContain(`names "${key}"`);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect((await t.http(path.replace('?fieldManager=test', ''))).status).toBe(404);
    },
  );
});
