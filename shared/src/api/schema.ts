import type { JsonSchema } from '../schema/index.js';

/** `GET /api/v1/clusters/{c}/schema/serverstransporttcp`. */
export interface SchemaResponse {
  /** `cluster`: built from the installed CRD; `bundled`: Dialtone's copy of the upstream CRD. */
  origin: 'cluster' | 'bundled';
  /** Why the bundled schema is used, when it is. */
  reason?: string;
  group: string;
  version: string;
  kind: string;
  schema: JsonSchema;
}
