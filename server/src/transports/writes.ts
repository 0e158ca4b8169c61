import {
  isAdmissible,
  SERVERS_TRANSPORT_TCP_KIND,
  TRAEFIK_API_VERSION,
  validate,
  type ConflictDetails,
  type Diagnostic,
  type ResourceSchema,
  type ServersTransportTCP,
  type TransportWriteResponse,
} from '@dialtone/shared';
import {
  ClusterUnreachableError,
  KubeApiError,
  TRANSPORT_KIND,
  type KubeClient,
  toHttpError,
  type KubeObject,
} from '../clusters/index.js';
import { HttpError } from '../http/index.js';

export interface WriteTarget {
  client: KubeClient;
  namespace: string;
  schema: ResourceSchema;
  dryRun: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body must be a ServersTransportTCP for the namespace (and name) of the URL: the URL decides, never the body. */
export function checkIdentity(body: unknown, namespace: string, name?: string): KubeObject {
  if (!isRecord(body)) {
    throw new HttpError(400, 'bad_request', 'The body must be one ServersTransportTCP object.');
  }
  if (body['kind'] !== SERVERS_TRANSPORT_TCP_KIND || body['apiVersion'] !== TRAEFIK_API_VERSION) {
    throw new HttpError(
      400,
      'wrong_kind',
      `This endpoint takes only apiVersion ${TRAEFIK_API_VERSION}, kind ${SERVERS_TRANSPORT_TCP_KIND}.`,
    );
  }
  const metadata = isRecord(body['metadata']) ? body['metadata'] : {};
  if (metadata['namespace'] !== undefined && metadata['namespace'] !== namespace) {
    throw new HttpError(
      400,
      'identity_mismatch',
      'metadata.namespace differs from the namespace in the URL; an object cannot move between namespaces.',
    );
  }
  if (name !== undefined && metadata['name'] !== undefined && metadata['name'] !== name) {
    throw new HttpError(
      400,
      'identity_mismatch',
      'metadata.name differs from the name in the URL; renaming is create-new plus delete-old, not an edit.',
    );
  }
  return {
    ...body,
    metadata: { ...metadata, namespace, ...(name !== undefined ? { name } : {}) },
  } as KubeObject;
}

/** Shared validation first: nothing that the API server or Traefik would refuse is sent. */
export function validateBeforeWrite(object: KubeObject, schema: ResourceSchema): Diagnostic[] {
  const diagnostics = validate(object, { schemas: { serversTransportTCP: schema } });
  if (!isAdmissible(diagnostics)) {
    throw new HttpError(
      422,
      'validation_failed',
      'The object is not valid; nothing was sent to the cluster.',
      {
        diagnostics,
      },
    );
  }
  return diagnostics;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const pick = (o: KubeObject) =>
    JSON.stringify([o['spec'] ?? {}, o.metadata.labels ?? {}, o.metadata.annotations ?? {}]);
  return pick(a) === pick(b);
}

async function current(client: KubeClient, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await client.get(TRANSPORT_KIND, namespace, name);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * After a write timed out the server may or may not have committed it. Re-read once and say which;
 * never send the write again on our own.
 */
async function reconcile(
  client: KubeClient,
  namespace: string,
  name: string,
  happened: (now: KubeObject | undefined) => boolean,
  timeout: ClusterUnreachableError,
): Promise<KubeObject | undefined> {
  let now: KubeObject | undefined;
  try {
    now = await current(client, namespace, name);
  } catch {
    throw new HttpError(
      503,
      'cluster_unreachable',
      `${timeout.message}, and it cannot be re-read now, so whether the change was saved is unknown. Reload the object when the cluster answers and compare before saving again.`,
      { writeOutcome: 'unknown' },
    );
  }
  if (happened(now)) return now;
  throw new HttpError(
    503,
    'cluster_unreachable',
    `${timeout.message}; a re-read shows the change was not saved. Your edit is kept; save again when the cluster answers.`,
    { writeOutcome: 'not-applied' },
  );
}

async function conflictWithCurrent(
  client: KubeClient,
  namespace: string,
  name: string,
  message: string,
): Promise<HttpError> {
  const live = await current(client, namespace, name).catch(() => undefined);
  const details: ConflictDetails | undefined = live
    ? { current: live as unknown as ServersTransportTCP }
    : undefined;
  return new HttpError(409, 'conflict', message, details);
}

function response(
  object: KubeObject,
  dryRun: boolean,
  warnings: string[],
  diagnostics: Diagnostic[],
): TransportWriteResponse {
  return { object: object as unknown as ServersTransportTCP, dryRun, warnings, diagnostics };
}

interface WriteCase {
  /** Sends the write; `dryRun` comes from the target. */
  send(): Promise<{ object: KubeObject; warnings: string[] }>;
  /** After a timeout: whether the object as re-read is the result of this write. */
  landed(live: KubeObject | undefined): boolean;
  /** Said when a re-read shows the timed-out write happened. */
  savedAfterTimeout: string;
  /** Said with a 409, next to the current object. */
  conflict: string;
  /** A create's 409 means the name is taken, not that an edit is stale: there is nothing to rebase. */
  alreadyExists?: boolean;
}

/**
 * One write, never retried blindly: after a timeout that may have reached the API server the object
 * is re-read to tell whether the write happened, and a 409 carries the current object so no edit is
 * lost.
 */
async function write(
  target: WriteTarget,
  name: string,
  diagnostics: Diagnostic[],
  how: WriteCase,
): Promise<TransportWriteResponse> {
  try {
    const result = await how.send();
    return response(result.object, target.dryRun, result.warnings, diagnostics);
  } catch (error) {
    if (error instanceof ClusterUnreachableError && error.maybeDelivered && !target.dryRun) {
      const now = await reconcile(target.client, target.namespace, name, how.landed, error);
      return response(now!, false, [how.savedAfterTimeout], diagnostics);
    }
    if (error instanceof KubeApiError && error.status === 409 && how.alreadyExists) {
      throw new HttpError(409, 'already_exists', how.conflict, { namespace: target.namespace, name });
    }
    if (error instanceof KubeApiError && error.status === 409) {
      throw await conflictWithCurrent(target.client, target.namespace, name, how.conflict);
    }
    throw toHttpError(error, `ServersTransportTCP ${target.namespace}/${name}`);
  }
}

export async function createTransport(target: WriteTarget, body: unknown): Promise<TransportWriteResponse> {
  const object = checkIdentity(body, target.namespace);
  delete object.metadata.resourceVersion;
  const diagnostics = validateBeforeWrite(object, target.schema);
  const name = object.metadata.name ?? '';
  return write(target, name, diagnostics, {
    send: () => target.client.create(TRANSPORT_KIND, target.namespace, object, { dryRun: target.dryRun }),
    landed: (o) => !!o && sameContent(o, object),
    savedAfterTimeout: 'The request timed out, but a re-read shows the object was created.',
    conflict: `A ServersTransportTCP named ${name} already exists in ${target.namespace}. Choose another name or edit that one.`,
    alreadyExists: true,
  });
}

export async function updateTransport(
  target: WriteTarget,
  name: string,
  body: unknown,
): Promise<TransportWriteResponse> {
  const object = checkIdentity(body, target.namespace, name);
  const resourceVersion = object.metadata.resourceVersion;
  if (typeof resourceVersion !== 'string' || resourceVersion === '') {
    throw new HttpError(
      400,
      'bad_request',
      'metadata.resourceVersion is required: it is what keeps your save from overwriting a change you have not seen. Send the resourceVersion of the object you edited.',
    );
  }
  const diagnostics = validateBeforeWrite(object, target.schema);
  return write(target, name, diagnostics, {
    send: () =>
      target.client.replace(TRANSPORT_KIND, target.namespace, name, object, { dryRun: target.dryRun }),
    landed: (o) => !!o && o.metadata.resourceVersion !== resourceVersion && sameContent(o, object),
    savedAfterTimeout: 'The request timed out, but a re-read shows the change was saved.',
    conflict: `${target.namespace}/${name} was changed by someone else after you opened it. Your edit was not saved; compare it with the current object in the details and save again.`,
  });
}

export async function deleteTransport(
  target: WriteTarget,
  name: string,
  resourceVersion: string,
): Promise<void> {
  try {
    await target.client.delete(TRANSPORT_KIND, target.namespace, name, resourceVersion, {
      dryRun: target.dryRun,
    });
  } catch (error) {
    if (error instanceof ClusterUnreachableError && error.maybeDelivered && !target.dryRun) {
      await reconcile(target.client, target.namespace, name, (o) => o === undefined, error);
      return;
    }
    if (error instanceof KubeApiError && error.status === 409) {
      throw await conflictWithCurrent(
        target.client,
        target.namespace,
        name,
        `${target.namespace}/${name} changed after you looked at it, so it was not deleted. Check the current object and delete again if you still mean to.`,
      );
    }
    throw toHttpError(error, `ServersTransportTCP ${target.namespace}/${name}`);
  }
}
