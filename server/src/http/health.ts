import { Router } from 'express';
import type { HealthResponse, ReadyResponse } from '@dialtone/shared';

export type ReadinessCheck = () => ReadyResponse | Promise<ReadyResponse>;

export function healthRoutes(version: string, readiness: ReadinessCheck): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok', version };
    res.set('Cache-Control', 'no-store').json(body);
  });
  router.get('/readyz', async (_req, res) => {
    const body = await readiness();
    res
      .status(body.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(body);
  });
  return router;
}
