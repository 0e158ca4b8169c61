import type { KubeObject } from '../types.js';
import { removeKey } from '../types.js';
import { errors } from '../http/status.js';
import type { FieldValidation } from './customResource.js';

/** Top-level fields of the built-in kinds; anything else is an unknown field to the API server's decoder. */
const KNOWN: Record<string, string[]> = {
  Namespace: ['spec', 'status'],
  Secret: ['data', 'stringData', 'type', 'immutable'],
  ConfigMap: ['data', 'binaryData', 'immutable'],
  Service: ['spec', 'status'],
  EndpointSlice: ['addressType', 'endpoints', 'ports'],
  ValidatingWebhookConfiguration: ['webhooks'],
};

const COMMON = ['apiVersion', 'kind', 'metadata'];

/** Unknown top-level fields of a built-in: refused under Strict, dropped with a warning under Warn. */
export function checkBuiltinFields(object: KubeObject, version: string, mode: FieldValidation): string[] {
  const known = KNOWN[object.kind];
  if (!known) return [];
  const unknown = Object.keys(object).filter((key) => !COMMON.includes(key) && !known.includes(key));
  if (unknown.length === 0) return [];
  const messages = unknown.map((key) => `unknown field "${key}"`);
  if (mode === 'Strict') {
    throw errors.badRequest(
      `${object.kind} in version "${version}" cannot be handled as a ${object.kind}: strict decoding error: ${messages.join(', ')}`,
    );
  }
  for (const key of unknown) removeKey(object, key);
  return mode === 'Warn' ? messages : [];
}
