import { Router } from 'express';
import type { ConfigObjectsResponse } from '@dialtone/shared';
import { namespaceParam } from '../clusters/index.js';
import { route, type TransportRouteDeps } from './deps.js';

/**
 * Names, types and key names of the Secrets and ConfigMaps a transport can reference, read as the user.
 * The values stay on the server: they are dropped here, before anything is built for the response.
 */
export function configObjectRoutes(deps: TransportRouteDeps): Router {
  const router = Router();

  router.get(
    '/clusters/:cluster/namespaces/:namespace/secrets',
    route('the Secrets', async (req, res) => {
      const namespace = namespaceParam(req.params['namespace']);
      const secrets = await deps.cluster(req).clientFor(deps.identity(res)).listSecrets(namespace);
      const body: ConfigObjectsResponse = {
        items: secrets.map((s) => ({
          name: s.name,
          ...(s.type ? { type: s.type } : {}),
          keys: Object.keys(s.data).sort(),
          invisibleToTraefik: s.labels['owner'] === 'helm',
        })),
      };
      res.json(body);
    }),
  );

  router.get(
    '/clusters/:cluster/namespaces/:namespace/configmaps',
    route('the ConfigMaps', async (req, res) => {
      const namespace = namespaceParam(req.params['namespace']);
      const maps = await deps.cluster(req).clientFor(deps.identity(res)).listConfigMaps(namespace);
      const body: ConfigObjectsResponse = {
        items: maps.map((m) => ({
          name: m.name,
          keys: Object.keys(m.data).sort(),
          invisibleToTraefik: m.labels['owner'] === 'helm',
        })),
      };
      res.json(body);
    }),
  );

  return router;
}
