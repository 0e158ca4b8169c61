// Imported only by the lazily loaded editor components: Monaco never reaches the entry chunk.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import type { JsonSchema } from '@dialtone/shared';
import YamlWorker from './yaml.worker.js?worker';

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

// Without this the loader fetches Monaco from a CDN, which the CSP forbids and air-gapped installs lack.
loader.config({ monaco });

// monaco-yaml allows one configured instance per page; schemas change through update().
const monacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  isKubernetes: true,
  disableAdditionalProperties: true,
  completion: true,
  hover: true,
  validate: true,
  format: {},
  schemas: [],
});

export const SCHEMA_URI = 'https://dialtone.invalid/schemas/traefik.io/v1alpha1/serverstransporttcp.json';

let current: JsonSchema | undefined;

export function setMonacoSchema(schema: JsonSchema): void {
  if (schema === current) return;
  current = schema;
  const settings: SchemasSettings = {
    uri: SCHEMA_URI,
    fileMatch: ['**/serverstransporttcp/**/*.yaml'],
    schema: schema as SchemasSettings['schema'],
  };
  void monacoYaml.update({ schemas: [settings] });
}

export { monaco };
