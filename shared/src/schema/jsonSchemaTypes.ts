import type { DiagnosticSource } from '../diagnostics/index.js';

/** A CEL rule from `x-kubernetes-validations`, with how Dialtone checks it locally. */
export interface CelRuleNote {
  rule: string;
  message?: string;
  /**
   * `exclusive-fields`: the rule forbids setting `fields` together, checked in code.
   * `unknown`: a rule the local code does not understand; reported as "not checked locally".
   */
  check: 'exclusive-fields' | 'unknown';
  fields?: readonly string[];
}

/**
 * The JSON Schema (draft-07 vocabulary) that the browser editor, the server and the CLI share.
 * Kubernetes' structural-schema semantics are kept, and the `x-` keys carry what JSON Schema
 * cannot say so that Dialtone's own validator can honour it.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  anyOf?: JsonSchema[];
  not?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** CEL rules of this node, with the local check that implements each one. */
  'x-dialtone-cel'?: CelRuleNote[];
  /** Which diagnostic source a failure below this node belongs to (default `schema`). */
  'x-dialtone-source'?: DiagnosticSource;
  /** Stable diagnostic code for a value failure at this node, e.g. `kubernetes.invalid-name`. */
  'x-dialtone-code'?: string;
  /** Human explanation of a pattern, used in messages instead of the raw regex. */
  'x-dialtone-pattern-meaning'?: string;
}

/** The schema for one resource kind, with where it came from. */
export interface ResourceSchema {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** `bundled` (shipped with Dialtone) or `cluster` (read from the installed CRD). */
  origin: 'bundled' | 'cluster';
  schema: JsonSchema;
}
