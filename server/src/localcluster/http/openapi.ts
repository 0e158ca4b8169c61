import { createHash } from 'node:crypto';
import type { ResourceType } from '../resources/registry.js';
import { groupVersions, verbsOf } from '../resources/registry.js';
import { kindSchema, OBJECT_META_REF, objectMetaSchema } from './openapiSchemas.js';
import { SERVER_VERSION } from './discovery.js';

type Schema = Record<string, unknown>;

function schemaName(type: ResourceType): string {
  const group = type.group ? type.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${type.version}.${type.kind}`;
}

function query(name: string, type: 'string' | 'boolean' | 'integer', description: string): Schema {
  return { name, in: 'query', description, schema: { type } };
}

const dryRun = query(
  'dryRun',
  'string',
  'When present, indicates that modifications should not be persisted. Valid value: All',
);
const fieldManager = query(
  'fieldManager',
  'string',
  'A name associated with the actor or entity that is making these changes.',
);
const fieldValidation = query(
  'fieldValidation',
  'string',
  'How the server handles unknown or duplicate fields: Ignore, Warn (default) or Strict.',
);
const force = query('force', 'boolean', 'Force is going to "force" Apply requests.');
const pathParam = (name: string): Schema => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

function operationId(verb: string, type: ResourceType, namespaced: boolean): string {
  const group = type.group
    ? type.group
        .split('.')
        .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
        .join('')
    : 'Core';
  const version = type.version.charAt(0).toUpperCase() + type.version.slice(1);
  return `${verb}${group}${version}${namespaced && type.namespaced ? 'Namespaced' : ''}${type.kind}`;
}

function json(schemaRef: string): Schema {
  return { 'application/json': { schema: { $ref: `#/components/schemas/${schemaRef}` } } };
}

function pathsFor(type: ResourceType): Record<string, Schema> {
  const prefix = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const collection = type.namespaced
    ? `${prefix}/namespaces/{namespace}/${type.plural}`
    : `${prefix}/${type.plural}`;
  const item = `${collection}/{name}`;
  const name = schemaName(type);
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const verbs = verbsOf(type);
  const op = (verb: string, action: string, extra: Schema): Schema => ({
    operationId: operationId(verb, type, true),
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: { '200': { description: 'OK', content: json(name) } },
    ...extra,
  });
  const collectionOps: Schema = {};
  const itemOps: Schema = {};
  if (verbs.includes('list')) collectionOps['get'] = op('list', 'list', {});
  if (verbs.includes('create')) {
    collectionOps['post'] = op('create', 'post', {
      parameters: [dryRun, fieldManager, fieldValidation],
      requestBody: { content: json(name), required: true },
    });
  }
  if (verbs.includes('get')) itemOps['get'] = op('read', 'get', {});
  if (verbs.includes('update')) {
    itemOps['put'] = op('replace', 'put', {
      parameters: [dryRun, fieldManager, fieldValidation],
      requestBody: { content: json(name), required: true },
    });
  }
  if (verbs.includes('patch')) {
    const patchBody: Schema = { schema: { type: 'object' } };
    const content: Schema = {
      'application/json-patch+json': patchBody,
      'application/merge-patch+json': patchBody,
      'application/apply-patch+yaml': patchBody,
    };
    // Listing strategic merge for a custom resource would make kubectl compute one, which is refused.
    if (type.class !== 'custom') content['application/strategic-merge-patch+json'] = patchBody;
    itemOps['patch'] = op('patch', 'patch', {
      parameters: [dryRun, fieldManager, fieldValidation, force],
      requestBody: { content, required: true },
    });
  }
  if (verbs.includes('delete')) itemOps['delete'] = op('delete', 'delete', { parameters: [dryRun] });
  const params = type.namespaced ? [pathParam('namespace')] : [];
  const out: Record<string, Schema> = {};
  if (Object.keys(collectionOps).length > 0) out[collection] = { ...collectionOps, parameters: params };
  if (Object.keys(itemOps).length > 0) out[item] = { ...itemOps, parameters: [...params, pathParam('name')] };
  return out;
}

export interface OpenApiDocuments {
  index: unknown;
  /** Keyed by `api/v1` or `apis/{group}/{version}`. */
  documents: Map<string, string>;
}

export function buildOpenApi(): OpenApiDocuments {
  const documents = new Map<string, string>();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions()) {
    const key = gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
    const schemas: Schema = { [OBJECT_META_REF]: objectMetaSchema };
    let docPaths: Record<string, Schema> = {};
    for (const type of gv.resources) {
      schemas[schemaName(type)] = kindSchema(type);
      docPaths = { ...docPaths, ...pathsFor(type) };
    }
    const document = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
      paths: docPaths,
      components: { schemas },
    };
    const text = JSON.stringify(document);
    documents.set(key, text);
    const hash = createHash('sha512').update(text).digest('hex').toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { index: { paths }, documents };
}
