import { Router, type Request, type Response } from 'express';
import {
  exportYaml,
  type DocumentResult,
  type DocumentsResponse,
  type IngressRouteTCP,
  type ResourceSchema,
} from '@dialtone/shared';
import {
  booleanQuery,
  optionalNameQuery,
  optionalNamespaceQuery,
  ROUTE_KIND,
  TRANSPORT_KIND,
  type ClusterConnection,
} from '../clusters/index.js';
import { HttpError } from '../http/index.js';
import type { Identity } from '../identity/index.js';
import { bodyDocuments } from './body.js';
import { route, type TransportRouteDeps } from './deps.js';
import { checkDocuments, sendDocument, type CheckedDocument } from './documents.js';
import { transportSchemaOf } from './schemaFor.js';
import { usageOf, usagesById } from './usage.js';

async function schemasOf(
  cluster: ClusterConnection,
  identity: Identity,
): Promise<{ serversTransportTCP: ResourceSchema; ingressRouteTCP?: ResourceSchema }> {
  const route = await cluster.readSchemaAs(identity, 'route').catch(() => undefined);
  return {
    serversTransportTCP: await transportSchemaOf(cluster),
    ...(route?.origin === 'cluster' ? { ingressRouteTCP: route.schema } : {}),
  };
}

const OUTCOME = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;

/** The body's documents checked with the cluster's schemas, and a client acting as the user. */
async function checkBody(deps: TransportRouteDeps, req: Request, res: Response) {
  const cluster = deps.cluster(req);
  const identity = deps.identity(res);
  const defaultNamespace = optionalNamespaceQuery(req.query['namespace']) ?? 'default';
  const checked = checkDocuments(
    bodyDocuments(req),
    await schemasOf(cluster, identity),
    defaultNamespace,
    deps.feeds.provider,
  );
  return { checked, client: cluster.clientFor(identity) };
}

/** `POST /validate`, `POST /import` and `GET /export`. */
export function documentRoutes(deps: TransportRouteDeps): Router {
  const router = Router();

  router.post(
    '/clusters/:cluster/validate',
    route('the documents', async (req, res) => {
      const { checked, client } = await checkBody(deps, req, res);
      // The API server's own verdict, without saving: strict field validation, admission, webhooks.
      for (const item of checked) {
        if (!item.object) continue;
        const sent = await sendDocument(client, item.object, true);
        item.result.diagnostics.push(...sent.diagnostics);
        if (sent.failed) item.result.valid = false;
      }
      const body: DocumentsResponse = { documents: checked.map((c) => c.result), dryRun: true };
      res.json(body);
    }),
  );

  router.post(
    '/clusters/:cluster/import',
    route('the documents', async (req, res) => {
      const dryRun = booleanQuery(req.query['dryRun']);
      const { checked, client } = await checkBody(deps, req, res);
      const plans = new Map<CheckedDocument, keyof typeof OUTCOME>();

      // Every document goes through a dry run first; nothing is saved unless all of them pass.
      for (const item of checked) {
        const result = item.result;
        if (result.kind !== 'ServersTransportTCP') {
          result.outcome = 'skipped';
          result.diagnostics.push({
            severity: 'info',
            code: 'import.not-a-transport',
            source: 'kubernetes',
            path: '',
            message: 'Only ServersTransportTCP documents are imported; this one was checked but not applied.',
          });
          continue;
        }
        if (!result.valid || !item.object) {
          result.outcome = 'failed';
          result.valid = false;
          continue;
        }
        const sent = await sendDocument(client, item.object, true);
        result.diagnostics.push(...sent.diagnostics);
        if (sent.failed) {
          result.outcome = 'failed';
          result.valid = false;
        } else plans.set(item, sent.plan);
      }
      const anyFailed = checked.some((c) => c.result.outcome === 'failed');

      for (const [item, plan] of plans) {
        const result: DocumentResult = item.result;
        if (dryRun) {
          result.outcome = OUTCOME[plan];
          continue;
        }
        if (anyFailed) {
          result.outcome = 'skipped';
          result.diagnostics.push({
            severity: 'info',
            code: 'import.not-applied',
            source: 'kubernetes',
            path: '',
            message: 'Not applied, because another document failed; fix it and import again.',
          });
          continue;
        }
        const sent = await sendDocument(client, item.object!, false);
        result.diagnostics.push(...sent.diagnostics);
        result.outcome = sent.failed ? 'failed' : OUTCOME[sent.plan];
        if (sent.failed) result.valid = false;
      }
      const body: DocumentsResponse = { documents: checked.map((c) => c.result), dryRun };
      res.json(body);
    }),
  );

  router.get(
    '/clusters/:cluster/export',
    route('the export', async (req, res) => {
      const cluster = deps.cluster(req);
      const identity = deps.identity(res);
      const namespace = optionalNamespaceQuery(req.query['namespace']);
      const name = optionalNameQuery(req.query['name']);
      const withRoutes = booleanQuery(req.query['routes']);
      if (name !== undefined && namespace === undefined) {
        throw new HttpError(400, 'bad_request', 'Give ?namespace= together with ?name=.');
      }
      const client = cluster.clientFor(identity);
      const transports = (await client.listAll(TRANSPORT_KIND, namespace)).items
        .filter((o) => name === undefined || o.metadata.name === name)
        .sort((a, b) =>
          `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
            `${b.metadata.namespace}/${b.metadata.name}`,
          ),
        );
      if (name !== undefined && transports.length === 0) {
        throw new HttpError(404, 'not_found', `There is no ServersTransportTCP ${namespace}/${name}.`);
      }
      const objects: unknown[] = [...transports];
      if (withRoutes) {
        const routes = (await client.listAll(ROUTE_KIND, namespace)).items as unknown as IngressRouteTCP[];
        const byId = usagesById(routes, deps.feeds.provider);
        const keys = new Set<string>();
        for (const t of transports) {
          for (const u of usageOf(byId, t.metadata.namespace ?? '', t.metadata.name ?? '')) {
            keys.add(`${u.route.namespace}/${u.route.name}`);
          }
        }
        objects.push(...routes.filter((r) => keys.has(`${r.metadata.namespace}/${r.metadata.name}`)));
      }
      const file = name ?? namespace ?? 'serverstransporttcps';
      res
        .type('application/yaml')
        .set('Content-Disposition', `attachment; filename="${file}.yaml"`)
        .send(exportYaml(objects));
    }),
  );

  return router;
}
