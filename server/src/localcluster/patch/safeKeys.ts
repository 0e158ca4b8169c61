import { isPlainObject } from '../types.js';

/**
 * Names that reach JavaScript's object machinery instead of data: assigning through `__proto__`
 * changes a prototype, and `constructor` / `prototype` lead from any object to `Object.prototype`.
 * No Kubernetes field this server stores is called so, so a patch naming one is refused outright.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

// Strategic-merge directives carry a field name after their prefix; that name is what gets touched.
const DIRECTIVE_PREFIX = /^\$(?:setElementOrder|deleteFromPrimitiveList|retainKeys)\//;

/** A patch that names a forbidden key; answered with 400 like any other malformed patch. */
export class ForbiddenKeyError extends TypeError {
  constructor(key: string, where: string) {
    super(
      `the patch names "${key}" at ${where || '/'}, which is not a field of any object here and is refused; ` +
        'remove it from the patch',
    );
  }
}

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key.replace(DIRECTIVE_PREFIX, ''));
}

export function assertSafeKey(key: string, where: string): void {
  if (isForbiddenKey(key)) throw new ForbiddenKeyError(key, where);
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Refuses a value holding a forbidden key at any depth. Iterative, so a deeply nested body cannot
 * overflow the stack here.
 */
export function assertNoForbiddenKeys(value: unknown, where = ''): void {
  const pending: { value: unknown; where: string }[] = [{ value, where }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (Array.isArray(next.value)) {
      next.value.forEach((item, i) => pending.push({ value: item, where: `${next!.where}/${i}` }));
    } else if (isPlainObject(next.value)) {
      for (const [key, child] of Object.entries(next.value)) {
        const at = `${next.where}/${escapeToken(key)}`;
        assertSafeKey(key, at);
        pending.push({ value: child, where: at });
      }
    }
  }
}

/** The own property `key` of a record, never one inherited from its prototype. */
export function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
