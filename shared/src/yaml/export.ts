import { stringifyObjects } from './print.js';
import { defineEntry } from './read.js';

export interface ExportOptions {
  /** Leave out `metadata.namespace` so the object can be applied to another namespace. */
  dropNamespace?: boolean;
}

/** Fields the API server fills in; applying them back is refused or silently overwritten. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/** kubectl's copy of the previous apply: stale in an export, and it doubles the size. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The order kubectl and most manifests use; everything else keeps its own order after these. */
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'] as const;

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (!isPlainObject(value)) return value;
  const out: PlainObject = {};
  for (const [key, entry] of Object.entries(value)) defineEntry(out, key, deepCopy(entry));
  return out;
}

function cleanMetadata(metadata: PlainObject, options: ExportOptions): PlainObject {
  const dropped = new Set<string>(SERVER_METADATA);
  if (options.dropNamespace) dropped.add('namespace');
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (dropped.has(key)) continue;
    if (key === 'annotations' && isPlainObject(value)) {
      const kept = Object.entries(value).filter(([name]) => name !== LAST_APPLIED);
      if (kept.length > 0) out[key] = Object.fromEntries(kept);
    } else defineEntry(out, key, value);
  }
  return out;
}

/**
 * A copy of a Kubernetes object ready to be saved and applied elsewhere: no `status`, no
 * server-populated metadata, no last-applied annotation. `ownerReferences` and `finalizers` stay,
 * since they are the user's to keep or remove.
 */
export function cleanForExport(object: unknown, options: ExportOptions = {}): unknown {
  if (!isPlainObject(object)) return deepCopy(object);
  const out: PlainObject = {};
  for (const key of LEADING_KEYS) {
    if (Object.hasOwn(object, key)) out[key] = deepCopy(object[key]);
  }
  for (const [key, value] of Object.entries(object)) {
    if (key !== 'status' && !Object.hasOwn(out, key)) defineEntry(out, key, deepCopy(value));
  }
  const metadata = out['metadata'];
  if (isPlainObject(metadata)) out['metadata'] = cleanMetadata(metadata, options);
  return out;
}

/** Cleaned objects as one YAML stream, one document per object. */
export function exportYaml(objects: readonly unknown[], options: ExportOptions = {}): string {
  return stringifyObjects(objects.map((object) => cleanForExport(object, options)));
}
