import type { KubeObject, ManagedFieldsEntry } from '../types.js';
import { isPlainObject, jsonEqual, removeKey } from '../types.js';
import { ApiError } from '../http/status.js';
import type { FieldSet } from './fieldSet.js';
import { decodePath, deletePath, fromFieldsV1, getPath, leafPaths, toFieldsV1 } from './fieldSet.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface Owner {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

function owners(object: KubeObject | undefined): Owner[] {
  return (object?.metadata.managedFields ?? [])
    .filter((e) => isPlainObject(e) && typeof e.manager === 'string')
    .map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) }));
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function serialize(list: Owner[]): ManagedFieldsEntry[] | undefined {
  const out = list
    .filter((o) => o.set.size > 0)
    .map((o) => ({ ...o.entry, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(o.set) }));
  return out.length > 0 ? out : undefined;
}

function entryFor(list: Owner[], manager: string, operation: 'Apply' | 'Update', apiVersion: string): Owner {
  let owner = list.find((o) => o.entry.manager === manager && o.entry.operation === operation);
  if (!owner) {
    owner = { entry: { manager, operation, apiVersion }, set: new Set() };
    list.push(owner);
  }
  owner.entry = { ...owner.entry, apiVersion, time: now() };
  return owner;
}

/**
 * Records a non-apply write: the writer owns every field it changed and takes it from everyone else.
 * A request that rewrites `managedFields` itself (kubectl's apply migration) is taken as it is.
 */
export function trackUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  requestedManagedFields: unknown,
): void {
  const beforeFields = before?.metadata.managedFields;
  if (requestedManagedFields !== undefined && !jsonEqual(requestedManagedFields, beforeFields)) {
    const requested = Array.isArray(requestedManagedFields)
      ? (requestedManagedFields as ManagedFieldsEntry[])
      : [];
    const kept = requested.filter((e) => isPlainObject(e) && typeof e.manager === 'string');
    if (kept.length > 0) after.metadata.managedFields = kept;
    else delete after.metadata.managedFields;
    return;
  }
  const list = owners(before);
  const oldLeaves = leafPaths(before ?? {});
  const newLeaves = leafPaths(after);
  const changed = new Set<string>();
  for (const p of newLeaves) {
    if (!oldLeaves.has(p) || !jsonEqual(getPath(before, decodePath(p)), getPath(after, decodePath(p))))
      changed.add(p);
  }
  for (const o of list) {
    for (const p of [...o.set]) if (!newLeaves.has(p) || changed.has(p)) o.set.delete(p);
  }
  if (changed.size > 0) {
    const mine = entryFor(list, manager, 'Update', after.apiVersion);
    for (const p of changed) mine.set.add(p);
  }
  const serialized = serialize(list);
  if (serialized) after.metadata.managedFields = serialized;
  else delete after.metadata.managedFields;
}

/** Deep merge for apply: maps merge, lists and scalars from the applied configuration win. */
function mergeApplied(live: unknown, applied: unknown): unknown {
  if (!isPlainObject(applied) || !isPlainObject(live)) return structuredClone(applied);
  const out: Record<string, unknown> = { ...live };
  for (const [key, value] of Object.entries(applied)) {
    if (value === null) removeKey(out, key);
    else out[key] = mergeApplied(out[key], value);
  }
  return out;
}

function lastAppliedPaths(live: KubeObject | undefined): FieldSet {
  const text = live?.metadata.annotations?.[LAST_APPLIED];
  if (!text) return new Set();
  try {
    return leafPaths(JSON.parse(text));
  } catch {
    return new Set();
  }
}

function fieldLabel(path: string[]): string {
  return '.' + path.join('.');
}

/**
 * Server-side apply: merges `applied` into `live` for `manager`, refusing (409) to take fields another
 * manager set to a different value unless forced, and removing fields this manager applied before but
 * no longer does (when nobody else owns them).
 */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  force: boolean,
): KubeObject {
  const list = owners(live);
  const appliedSet = leafPaths(applied);
  const conflicts: { manager: string; path: string }[] = [];
  for (const o of list) {
    if (o.entry.manager === manager) continue;
    for (const p of o.set) {
      if (!appliedSet.has(p)) continue;
      const path = decodePath(p);
      if (!jsonEqual(getPath(live, path), getPath(applied, path)))
        conflicts.push({ manager: o.entry.manager ?? '', path: p });
    }
  }
  let forced = force;
  if (conflicts.length > 0 && !force && manager === 'kubectl') {
    // The API server lets `kubectl apply --server-side` take over what `kubectl apply` used to manage.
    const allowed = lastAppliedPaths(live);
    forced = conflicts.every((c) => allowed.has(c.path));
  }
  if (conflicts.length > 0 && !forced) {
    const gv = applied.apiVersion;
    const causes = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${gv}`,
      field: fieldLabel(decodePath(c.path)),
    }));
    const noun = conflicts.length === 1 ? '1 conflict' : `${conflicts.length} conflicts`;
    const text =
      conflicts.length === 1
        ? `${causes[0]?.message}: ${causes[0]?.field}`
        : causes.map((c) => `- ${c.message}: ${c.field}`).join('\n');
    throw new ApiError(409, 'Conflict', `Apply failed with ${noun}: ${text}`, {
      name: applied.metadata.name,
      causes,
    });
  }
  for (const c of conflicts) {
    for (const o of list) if (o.entry.manager === c.manager) o.set.delete(c.path);
  }
  const base = structuredClone(
    live ?? { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} },
  ) as KubeObject;
  const previous = list.find((o) => o.entry.manager === manager && o.entry.operation === 'Apply');
  for (const p of previous?.set ?? []) {
    if (appliedSet.has(p)) continue;
    if (list.some((o) => o !== previous && o.set.has(p))) continue;
    deletePath(base, decodePath(p));
  }
  const merged = mergeApplied(base, applied) as KubeObject;
  merged.metadata = { ...merged.metadata, managedFields: undefined };
  const mine = entryFor(list, manager, 'Apply', applied.apiVersion);
  mine.set = appliedSet;
  const serialized = serialize(list);
  if (serialized) merged.metadata.managedFields = serialized;
  else delete merged.metadata.managedFields;
  return merged;
}
