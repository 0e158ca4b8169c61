/**
 * `record[key]` for an own property only. Field names come from users' documents, and a plain
 * lookup of `constructor` or `toString` would find `Object.prototype`'s members instead of nothing.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
