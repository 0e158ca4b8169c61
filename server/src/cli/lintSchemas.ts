import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CrdSchemaError,
  crdToJsonSchema,
  type CustomResourceDefinition,
  type ValidateOptions,
} from '@dialtone/shared';
import { parseAllDocuments } from 'yaml';
import { UsageError } from './io.js';

type Schemas = NonNullable<ValidateOptions['schemas']>;

const KINDS: Readonly<Record<string, keyof Schemas>> = {
  ServersTransportTCP: 'serversTransportTCP',
  IngressRouteTCP: 'ingressRouteTCP',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The CRDs in a file: single documents, several, or a `kubectl get crd -o yaml` List. */
function crdsIn(values: unknown[]): Record<string, unknown>[] {
  return values.flatMap((value) => {
    if (!isRecord(value)) return [];
    if (value['kind'] === 'List' && Array.isArray(value['items'])) return crdsIn(value['items']);
    return value['kind'] === 'CustomResourceDefinition' ? [value] : [];
  });
}

/**
 * The schemas of `--crd FILE` (for instance `kubectl get crd serverstransporttcps.traefik.io -o yaml`
 * from the cluster Traefik watches). Kinds the files do not define keep the bundled schema.
 */
export async function readCrdSchemas(paths: readonly string[], cwd: string): Promise<Schemas> {
  const schemas: Schemas = {};
  for (const path of paths) {
    const text = await readFile(resolve(cwd, path), 'utf8').catch(() => {
      throw new UsageError(`cannot read --crd ${path}: no such file or not readable.`);
    });
    const documents = parseAllDocuments(text);
    const values = (Array.isArray(documents) ? documents : [documents]).map((d) => d.toJS() as unknown);
    let found = 0;
    for (const crd of crdsIn(values)) {
      const names = isRecord(crd['spec']) && isRecord(crd['spec']['names']) ? crd['spec']['names'] : {};
      const key = typeof names['kind'] === 'string' ? KINDS[names['kind']] : undefined;
      if (!key) continue;
      try {
        schemas[key] = crdToJsonSchema(crd as unknown as CustomResourceDefinition, { origin: 'cluster' });
      } catch (error) {
        if (error instanceof CrdSchemaError) throw new UsageError(`--crd ${path}: ${error.message}`);
        throw error;
      }
      found++;
    }
    if (found === 0) {
      throw new UsageError(
        `--crd ${path} defines neither ServersTransportTCP nor IngressRouteTCP; give the CRD file of Traefik's release, or kubectl get crd serverstransporttcps.traefik.io -o yaml.`,
      );
    }
  }
  return schemas;
}
