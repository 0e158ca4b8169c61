import { Router } from 'express';
import { HttpError } from '../http/index.js';
import { booleanQuery, nameParam, namespaceParam } from '../clusters/index.js';
import { singleDocument } from './body.js';
import { route, type TransportRouteDeps } from './deps.js';
import { transportSchemaOf } from './schemaFor.js';
import { createTransport, deleteTransport, updateTransport, type WriteTarget } from './writes.js';

/** Create, update and delete, each as the user, validated by shared first and by the API server strictly. */
export function writeRoutes(deps: TransportRouteDeps): Router {
  const router = Router();

  const target = async (
    req: Parameters<TransportRouteDeps['cluster']>[0],
    res: Parameters<TransportRouteDeps['identity']>[0],
  ): Promise<WriteTarget> => {
    const cluster = deps.cluster(req);
    return {
      client: cluster.clientFor(deps.identity(res)),
      namespace: namespaceParam(req.params['namespace']),
      schema: await transportSchemaOf(cluster),
      dryRun: booleanQuery(req.query['dryRun']),
    };
  };

  router.post(
    '/clusters/:cluster/namespaces/:namespace/transports',
    route('the new ServersTransportTCP', async (req, res) => {
      const write = await target(req, res);
      const result = await createTransport(write, singleDocument(req));
      res.status(write.dryRun ? 200 : 201).json(result);
    }),
  );

  router.put(
    '/clusters/:cluster/namespaces/:namespace/transports/:name',
    route('the ServersTransportTCP', async (req, res) => {
      const write = await target(req, res);
      const name = nameParam(req.params['name']);
      res.json(await updateTransport(write, name, singleDocument(req)));
    }),
  );

  router.delete(
    '/clusters/:cluster/namespaces/:namespace/transports/:name',
    route('the ServersTransportTCP', async (req, res) => {
      const write = await target(req, res);
      const name = nameParam(req.params['name']);
      const resourceVersion = req.query['resourceVersion'];
      if (typeof resourceVersion !== 'string' || resourceVersion === '') {
        throw new HttpError(
          400,
          'bad_request',
          'Add ?resourceVersion= with the version you looked at, so a change you have not seen is not deleted with it.',
        );
      }
      await deleteTransport(write, name, resourceVersion);
      res.status(write.dryRun ? 200 : 204).end();
    }),
  );

  return router;
}
