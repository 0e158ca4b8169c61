import type { PathSegment } from '../diagnostics/index.js';
import { toPointer } from '../diagnostics/index.js';
import type { JsonSchema } from './jsonSchemaTypes.js';
import { own } from './own.js';

/** Even `__proto__` becomes a plain own field of the copy, as it is in the input. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * What the API server stores: unknown fields dropped (as under fieldValidation Warn or Ignore) and
 * null values of non-nullable fields removed. Returns a copy and the JSON pointers of what went.
 */
export function pruneUnknownFields(
  value: unknown,
  schema: JsonSchema,
): { value: unknown; removed: string[] } {
  const removed: string[] = [];
  const path: PathSegment[] = [];

  const visit = (input: unknown, node: JsonSchema | undefined): unknown => {
    if (!node || input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) {
      return input.map((item, index) => {
        path.push(index);
        const out = visit(item, node.items);
        path.pop();
        return out;
      });
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(input as Record<string, unknown>)) {
      const childSchema =
        own(node.properties, key) ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      path.push(key);
      if (childSchema) {
        if (child === null && !childSchema.nullable) {
          // Pruned silently by the API server, and not a user-visible removal.
        } else define(out, key, visit(child, childSchema));
      } else if (node.additionalProperties === false) {
        removed.push(toPointer(path));
      } else define(out, key, child);
      path.pop();
    }
    return out;
  };

  return { value: visit(value, schema), removed };
}
