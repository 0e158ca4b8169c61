import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClustersResponse, SchemaResponse, SessionResponse } from '@dialtone/shared';
import { apiPaths } from '@dialtone/shared';
import { startHarness, type Harness } from './testing.js';

describe('session, and a cluster that stops', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h.close());

  it('says where the clusters come from in the session', async () => {
    const body = (await (await fetch(`${h.url}${apiPaths.session()}`)).json()) as SessionResponse;
    expect(body).toMatchObject({ authenticated: true, authMode: 'local', clusterSource: 'test cluster' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('says plainly why a stopped cluster cannot be used, and falls back to the bundled schema', async () => {
    await h.stopCluster();
    try {
      const clusters = (await (await fetch(`${h.url}${apiPaths.clusters()}`)).json()) as ClustersResponse;
      expect(clusters.clusters[0]).toMatchObject({
        reachable: false,
        unreachableReason: expect.stringContaining('cannot reach') as unknown,
      });
      const schema = (await (await fetch(`${h.url}${apiPaths.schema(h.cluster)}`)).json()) as SchemaResponse;
      expect(schema.origin).toBe('bundled');
      expect(schema.reason).toContain('could not be read');
      const namespaces = await fetch(`${h.url}${apiPaths.namespaces(h.cluster)}`);
      expect(namespaces.status).toBe(503);
      expect(await namespaces.json()).toMatchObject({ error: { code: 'cluster_unreachable' } });
    } finally {
      await h.startCluster();
    }
  });
});
