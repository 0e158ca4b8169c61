import type { Diagnostic } from '../diagnostics/index.js';

/** Result for one document of `POST /validate` or `POST /import`. */
export interface DocumentResult {
  index: number;
  kind?: string;
  namespace?: string;
  name?: string;
  valid: boolean;
  diagnostics: Diagnostic[];
  /** For import: what happened to it. */
  outcome?: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
}

/** `POST /api/v1/clusters/{c}/validate` and `/import`. */
export interface DocumentsResponse {
  documents: DocumentResult[];
  dryRun: boolean;
}

/** `GET /api/v1/clusters/{c}/namespaces/{ns}/secrets` and `/configmaps`: names and keys, never values. */
export interface ConfigObjectSummary {
  name: string;
  type?: string;
  keys: string[];
  /** Labelled owner=helm: Traefik's informer does not see it. */
  invisibleToTraefik: boolean;
}

export interface ConfigObjectsResponse {
  items: ConfigObjectSummary[];
}
