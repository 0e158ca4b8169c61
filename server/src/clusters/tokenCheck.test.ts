import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../api/testing.js';
import { checkToken } from './index.js';

describe('checking a login token against the cluster', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h.close());

  it('accepts a token the cluster knows and refuses one it does not', async () => {
    expect(await checkToken(h.connection, h.local.tokens.viewer)).toMatchObject({ ok: true });
    expect(await checkToken(h.connection, 'not-a-token')).toMatchObject({ ok: false, status: 401 });
  });

  it('says 503 when the cluster does not answer', async () => {
    await h.stopCluster();
    try {
      expect(await checkToken(h.connection, h.local.tokens.viewer)).toMatchObject({ ok: false, status: 503 });
    } finally {
      await h.startCluster();
    }
  });
});
