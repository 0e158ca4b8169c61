import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeObject, ManagedFieldsEntry, ObjectMeta } from '../types.js';
import { clone, isPlainObject, jsonEqual, removeKey } from '../types.js';
import type { Store } from '../store/store.js';
import type { ResourceType } from '../resources/registry.js';
import { typeKey } from '../resources/registry.js';
import { applyDefaults } from '../resources/defaults.js';
import { ApiError, errors } from '../http/status.js';
import { serverSideApply, trackUpdate } from '../apply/managedFields.js';
import { applyMergePatch } from '../patch/mergePatch.js';
import { applyJsonPatch, JsonPatchError } from '../patch/jsonPatch.js';
import { applyStrategicMergePatch } from '../patch/strategicMerge.js';
import { assertNoForbiddenKeys } from '../patch/safeKeys.js';
import { listObjects } from './list.js';
import { admitObject, decodeObject } from './admission.js';
import type {
  DeleteOptions,
  ListOptions,
  ListResult,
  PatchType,
  WriteOptions,
  WriteResult,
} from './types.js';
import { PATCH_TYPES } from './types.js';

/** The API server refuses to delete these, and so does this one. */
const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public'];

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function generatedSuffix(): string {
  const bytes = randomBytes(5);
  return [...bytes].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function withoutMetadata(object: KubeObject): Record<string, unknown> {
  const { metadata: _m, ...rest } = object;
  return rest;
}

/** Create, read, update, patch and delete with the API server's rules, on top of the store. */
export class ObjectService {
  constructor(private readonly store: Store) {}

  get resourceVersion(): number {
    return this.store.resourceVersion;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const object = this.store.get(typeKey(type), namespace, name);
    if (!object) throw errors.notFound(type, name);
    return object;
  }

  list(type: ResourceType, namespace: string | undefined, options: ListOptions): ListResult {
    return listObjects(this.store, type, namespace, options);
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions,
    appliedManagedFields?: ManagedFieldsEntry[],
  ): WriteResult {
    this.ensureWritable(type);
    const object = decodeObject(type, body, namespace);
    const meta = object.metadata;
    if (!meta.name) {
      if (meta.generateName) meta.name = `${meta.generateName}${generatedSuffix()}`;
      else {
        throw errors.invalid(type.kind, type.group, '', [
          {
            reason: 'FieldValueRequired',
            field: 'metadata.name',
            message: 'Required value: name or generateName is required',
          },
        ]);
      }
    }
    this.ensureNamespace(type, namespace);
    const existing = this.store.get(typeKey(type), namespace, meta.name);
    const requestedManagedFields = meta.managedFields;
    for (const key of [
      'uid',
      'resourceVersion',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'managedFields',
      'selfLink',
    ]) {
      removeKey(meta, key);
    }
    meta.creationTimestamp = timestamp();
    if (type.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    const { object: admitted, warnings } = admitObject(type, object, undefined, options);
    if (existing) throw errors.alreadyExists(type, meta.name);
    admitted.metadata.uid = randomUUID();
    if (appliedManagedFields) admitted.metadata.managedFields = appliedManagedFields;
    else
      trackUpdate(
        undefined,
        admitted,
        options.fieldManager,
        requestedManagedFields?.length ? requestedManagedFields : undefined,
      );
    if (options.dryRun) return { status: 201, body: admitted, warnings };
    return { status: 201, body: this.store.put(typeKey(type), admitted), warnings };
  }

  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions,
  ): WriteResult {
    this.ensureWritable(type);
    const object = decodeObject(type, body, namespace);
    if (object.metadata.name !== undefined && object.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    object.metadata.name = name;
    const current = this.get(type, namespace, name);
    const requestedRv = object.metadata.resourceVersion;
    if (!requestedRv && type.class === 'custom') {
      throw errors.invalid(type.kind, type.group, name, [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.resourceVersion',
          message: 'Invalid value: 0x0: must be specified for an update',
        },
      ]);
    }
    if (requestedRv && requestedRv !== current.metadata.resourceVersion) throw errors.conflict(type, name);
    return this.commitUpdate(type, current, object, options, object.metadata.managedFields);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions & { force: boolean },
  ): WriteResult {
    this.ensureWritable(type);
    if (patchType === PATCH_TYPES.apply) return this.apply(type, namespace, name, patch, options);
    const current = this.get(type, namespace, name);
    let patched: unknown;
    try {
      if (patchType === PATCH_TYPES.merge) {
        if (!isPlainObject(patch)) throw new TypeError('merge patch body must be a JSON object');
        patched = applyMergePatch(clone(current), patch);
      } else if (patchType === PATCH_TYPES.json) patched = applyJsonPatch(current, patch);
      else patched = applyStrategicMergePatch(type.kind, clone(current), patch);
    } catch (error) {
      if (error instanceof JsonPatchError) {
        throw new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
          causes: [{ message: error.message }],
        });
      }
      if (error instanceof TypeError) throw errors.badRequest(error.message);
      throw error;
    }
    const object = decodeObject(type, patched, namespace);
    if (object.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(object.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    // A patch that sets resourceVersion makes it a precondition, which kubectl's apply migration relies on.
    if (
      object.metadata.resourceVersion &&
      object.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw errors.conflict(type, name);
    }
    const managed = object.metadata.managedFields;
    return this.commitUpdate(
      type,
      current,
      object,
      options,
      jsonEqual(managed, current.metadata.managedFields) ? undefined : managed,
    );
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
    dryRun: boolean,
  ): WriteResult {
    this.ensureWritable(type);
    if (type.kind === 'Namespace' && PROTECTED_NAMESPACES.includes(name)) {
      throw errors.forbidden(
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        type,
        name,
      );
    }
    const current = this.get(type, namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw errors.preconditionFailed(
        type.kind,
        type.group,
        name,
        `the UID in the precondition (${pre.uid}) does not match the UID in record (${current.metadata.uid}). The object might have been deleted and then recreated`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.preconditionFailed(
        type.kind,
        type.group,
        name,
        `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion}). The object might have been modified`,
      );
    }
    const finalizers = current.metadata.finalizers ?? [];
    if (finalizers.length > 0) {
      if (current.metadata.deletionTimestamp) return { status: 200, body: current, warnings: [] };
      const marked = clone(current);
      marked.metadata.deletionTimestamp = timestamp();
      marked.metadata.deletionGracePeriodSeconds = 0;
      if (type.kind === 'Namespace') applyDefaults(marked, current);
      if (dryRun) return { status: 200, body: marked, warnings: [] };
      return { status: 200, body: this.store.put(typeKey(type), marked), warnings: [] };
    }
    if (dryRun) return { status: 200, body: this.deletedBody(type, current), warnings: [] };
    if (type.kind === 'Namespace') this.removeNamespaceContents(name);
    const last = this.store.remove(typeKey(type), namespace, name) ?? current;
    return { status: 200, body: this.deletedBody(type, last), warnings: [] };
  }

  /** Used by the namespace cascade and by the delete-collection verb. */
  removeNamespaceContents(namespace: string): void {
    for (const key of this.store.listTypeKeys()) {
      for (const object of this.store.list(key, namespace)) {
        this.store.remove(key, namespace, object.metadata.name ?? '');
      }
    }
  }

  private deletedBody(type: ResourceType, object: KubeObject): unknown {
    if (type.class === 'custom' || type.kind === 'Namespace') return object;
    const details: Record<string, string> = {
      name: object.metadata.name ?? '',
      kind: type.plural,
      uid: object.metadata.uid ?? '',
    };
    if (type.group) details['group'] = type.group;
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
  }

  private apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions & { force: boolean },
  ): WriteResult {
    if (!options.fieldManagerGiven) {
      throw new ApiError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          kind: 'PatchOptions',
          group: 'meta.k8s.io',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    }
    const applied = decodeObject(type, body, namespace);
    // Apply merges the configuration key by key, so a key that reaches a prototype is refused as in patches.
    try {
      assertNoForbiddenKeys(applied);
    } catch (error) {
      throw errors.badRequest((error as Error).message);
    }
    if (applied.metadata.managedFields !== undefined) {
      throw errors.badRequest('metadata.managedFields must be nil');
    }
    if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    applied.metadata.name = name;
    const current = this.store.get(typeKey(type), namespace, name);
    if (!current) {
      this.ensureNamespace(type, namespace);
      const created = serverSideApply(undefined, applied, options.fieldManager, options.force);
      const managed = created.metadata.managedFields ?? [];
      delete created.metadata.managedFields;
      return this.create(type, namespace, created, options, managed);
    }
    if (
      applied.metadata.resourceVersion &&
      applied.metadata.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw errors.conflict(type, name);
    }
    const merged = serverSideApply(current, applied, options.fieldManager, options.force);
    return this.commitUpdate(type, current, merged, options, undefined, true);
  }

  private commitUpdate(
    type: ResourceType,
    current: KubeObject,
    next: KubeObject,
    options: WriteOptions,
    requestedManagedFields: unknown,
    managedAlready = false,
  ): WriteResult {
    const meta: ObjectMeta = next.metadata;
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    meta.namespace = current.metadata.namespace;
    if (current.metadata.deletionTimestamp) {
      meta.deletionTimestamp = current.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    meta.resourceVersion = current.metadata.resourceVersion;
    const { object: admitted, warnings } = admitObject(type, next, current, options);
    if (type.tracksGeneration) {
      const changed = !jsonEqual(withoutMetadata(admitted), withoutMetadata(current));
      admitted.metadata.generation = (current.metadata.generation ?? 1) + (changed ? 1 : 0);
    } else delete admitted.metadata.generation;
    if (!managedAlready) trackUpdate(current, admitted, options.fieldManager, requestedManagedFields);
    const sameIgnoringManaged = jsonEqual(
      { ...admitted, metadata: { ...admitted.metadata, managedFields: undefined } },
      { ...current, metadata: { ...current.metadata, managedFields: undefined } },
    );
    // A write that changes nothing but managedFields timestamps is not a change: no new resourceVersion.
    if (
      sameIgnoringManaged &&
      jsonEqual(stripTimes(admitted.metadata.managedFields), stripTimes(current.metadata.managedFields))
    ) {
      return { status: 200, body: current, warnings };
    }
    if (meta.deletionTimestamp && (admitted.metadata.finalizers ?? []).length === 0) {
      if (options.dryRun) return { status: 200, body: admitted, warnings };
      if (type.kind === 'Namespace') this.removeNamespaceContents(current.metadata.name ?? '');
      const last =
        this.store.remove(typeKey(type), current.metadata.namespace, current.metadata.name ?? '') ?? admitted;
      return { status: 200, body: last, warnings };
    }
    if (options.dryRun) return { status: 200, body: admitted, warnings };
    return { status: 200, body: this.store.put(typeKey(type), admitted), warnings };
  }

  private ensureNamespace(type: ResourceType, namespace: string | undefined): void {
    if (!type.namespaced || namespace === undefined) return;
    const ns = this.store.get('namespaces', undefined, namespace);
    if (!ns) throw errors.namespaceNotFound(namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private ensureWritable(type: ResourceType): void {
    if (type.class === 'readonly' || type.class === 'virtual') throw errors.methodNotAllowed();
  }
}

function stripTimes(entries: unknown): unknown {
  return Array.isArray(entries)
    ? entries.map((e) => (isPlainObject(e) ? { ...e, time: undefined } : e))
    : entries;
}
