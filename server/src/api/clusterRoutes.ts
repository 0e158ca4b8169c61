import { Router } from 'express';
import type { ClustersResponse, NamespacesResponse, SchemaResponse } from '@dialtone/shared';
import { describeCluster, KubeApiError, toHttpError, ClusterUnreachableError } from '../clusters/index.js';
import { bundledSchemas } from '@dialtone/shared';
import { clusterOf, identityOf, type ClusterDirectory } from './context.js';

/** `GET /clusters`, `/clusters/{c}/namespaces` and `/clusters/{c}/schema/serverstransporttcp`. */
export function clusterRoutes(directory: ClusterDirectory): Router {
  const router = Router();

  router.get('/clusters', async (_req, res) => {
    const identity = identityOf(res);
    const body: ClustersResponse = {
      clusters: await Promise.all(directory.clusters.map((c) => describeCluster(c, identity))),
      ...(directory.defaultCluster ? { defaultCluster: directory.defaultCluster } : {}),
    };
    res.json(body);
  });

  router.get('/clusters/:cluster/namespaces', async (req, res, next) => {
    try {
      const cluster = clusterOf(directory, req);
      const identity = identityOf(res);
      const names = (await cluster.clientFor(identity).listNamespaces()).sort();
      // Asked per namespace as the user, so the dashboard can disable "New transport" with its reason.
      const creatable = await Promise.all(
        names.map((namespace) =>
          cluster.access
            .allowed(identity, {
              verb: 'create',
              group: 'traefik.io',
              resource: 'serverstransporttcps',
              namespace,
            })
            .catch(() => false),
        ),
      );
      const body: NamespacesResponse = {
        namespaces: names.map((name, i) => ({ name, createTransports: creatable[i]! })),
      };
      res.json(body);
    } catch (error) {
      next(toHttpError(error, 'the namespaces'));
    }
  });

  router.get('/clusters/:cluster/schema/serverstransporttcp', async (req, res, next) => {
    try {
      const cluster = clusterOf(directory, req);
      let body: SchemaResponse;
      try {
        const reading = await cluster.readSchemaAs(identityOf(res), 'transport');
        body = {
          origin: reading.origin,
          ...(reading.reason ? { reason: reading.reason } : {}),
          group: reading.schema.group,
          version: reading.schema.version,
          kind: reading.schema.kind,
          schema: reading.schema.schema,
        };
      } catch (error) {
        if (!(error instanceof ClusterUnreachableError || error instanceof KubeApiError)) throw error;
        // An editor with the bundled schema is more use than none while the cluster does not answer.
        const bundled = bundledSchemas().serversTransportTCP;
        body = {
          origin: 'bundled',
          reason: `the cluster's CustomResourceDefinition could not be read: ${error.message}`,
          group: bundled.group,
          version: bundled.version,
          kind: bundled.kind,
          schema: bundled.schema,
        };
      }
      res.json(body);
    } catch (error) {
      next(toHttpError(error, 'the schema'));
    }
  });

  return router;
}
