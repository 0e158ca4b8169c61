import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { SessionResponse } from '@dialtone/shared';
import type { ClusterDirectory } from './context.js';

/** `GET /session` in local mode: the kubeconfig's own user, and where the clusters come from. */
export function sessionRoutes(directory: ClusterDirectory): Router {
  const router = Router();
  // Replaced by the session-bound token once CSRF protection is in place; the field is there for clients now.
  const csrfToken = randomBytes(24).toString('base64url');
  router.get('/session', (_req, res) => {
    const body: SessionResponse = {
      authenticated: true,
      authMode: 'local',
      csrfToken,
      clusterSource: directory.description,
    };
    res.json(body);
  });
  return router;
}
