import {
  crossCheckDocuments,
  DNS1123_LABEL_PATTERN,
  isAdmissible,
  validateObject,
  type CrossCheckEntry,
  type Diagnostic,
  type DocumentResult,
  type ProviderSettings,
  type ResourceSchema,
} from '@dialtone/shared';
import {
  apiServerDiagnostics,
  ClusterUnreachableError,
  KubeApiError,
  TRANSPORT_KIND,
  type KubeClient,
  type KubeObject,
} from '../clusters/index.js';
import type { BodyDocument } from './body.js';

const NAMESPACE = new RegExp(DNS1123_LABEL_PATTERN);

/** One document as validated, with what the server needs to send it on. */
export interface CheckedDocument {
  result: DocumentResult;
  /** Set for ServersTransportTCPs that could be sent to the API server (a name and a valid namespace). */
  object?: KubeObject;
}

function metadataOf(value: unknown): { namespace?: unknown; name?: unknown } {
  const metadata = (value as { metadata?: unknown } | null)?.metadata;
  return typeof metadata === 'object' && metadata !== null
    ? (metadata as { namespace?: unknown; name?: unknown })
    : {};
}

/**
 * Shared validation of every document and the checks across them, as `dialtone lint` does, with
 * the provider options the server mirrors.
 */
export function checkDocuments(
  documents: readonly BodyDocument[],
  schemas: { serversTransportTCP?: ResourceSchema; ingressRouteTCP?: ResourceSchema },
  defaultNamespace: string,
  provider: ProviderSettings,
): CheckedDocument[] {
  const checked: CheckedDocument[] = [];
  const entries: CrossCheckEntry[] = [];
  const entryOwner: number[] = [];
  for (const document of documents) {
    const result: DocumentResult = {
      index: document.index,
      valid: false,
      diagnostics: [...document.diagnostics],
    };
    const item: CheckedDocument = { result };
    checked.push(item);
    if (document.fatal) continue;
    const validation = validateObject(document.value, { schemas, provider });
    result.diagnostics.push(...validation.diagnostics);
    const metadata = metadataOf(document.value);
    const declaredKind = (document.value as { kind?: unknown } | null)?.kind;
    if (validation.kind) result.kind = validation.kind;
    else if (typeof declaredKind === 'string') result.kind = declaredKind;
    const namespace =
      typeof metadata.namespace === 'string' && metadata.namespace !== ''
        ? metadata.namespace
        : defaultNamespace;
    result.namespace = namespace;
    if (typeof metadata.name === 'string') result.name = metadata.name;
    if (validation.kind === 'ServersTransportTCP' || validation.kind === 'IngressRouteTCP') {
      entries.push({ kind: validation.kind, value: document.value });
      entryOwner.push(checked.length - 1);
    }
    if (
      validation.kind === 'ServersTransportTCP' &&
      typeof metadata.name === 'string' &&
      NAMESPACE.test(namespace)
    ) {
      const value = document.value as KubeObject;
      item.object = { ...value, metadata: { ...value.metadata, namespace } };
    }
  }
  for (const [entry, diagnostics] of crossCheckDocuments(entries, { defaultNamespace, provider })) {
    checked[entryOwner[entry]!]!.result.diagnostics.push(...diagnostics);
  }
  for (const item of checked) item.result.valid = isAdmissible(item.result.diagnostics);
  return checked;
}

export type Plan = 'create' | 'update' | 'unchanged';

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const pick = (o: KubeObject) =>
    JSON.stringify([o['spec'] ?? {}, o.metadata.labels ?? {}, o.metadata.annotations ?? {}]);
  return pick(a) === pick(b);
}

/**
 * Sends one ServersTransportTCP to the API server as the user: create when absent, replace with the
 * resourceVersion just read when present. Returns the plan, or diagnostics when the server refused it.
 */
export async function sendDocument(
  client: KubeClient,
  object: KubeObject,
  dryRun: boolean,
): Promise<{ plan: Plan; diagnostics: Diagnostic[]; failed: boolean }> {
  const namespace = object.metadata.namespace ?? 'default';
  const name = object.metadata.name ?? '';
  try {
    let live: KubeObject | undefined;
    try {
      live = await client.get(TRANSPORT_KIND, namespace, name);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 404)) throw error;
    }
    if (!live) {
      const { warnings } = await client.create(TRANSPORT_KIND, namespace, withoutVersion(object), { dryRun });
      return { plan: 'create', diagnostics: warningDiagnostics(warnings), failed: false };
    }
    if (sameContent(live, object)) return { plan: 'unchanged', diagnostics: [], failed: false };
    const body = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: live.metadata.resourceVersion },
    };
    const { warnings } = await client.replace(TRANSPORT_KIND, namespace, name, body, { dryRun });
    return { plan: 'update', diagnostics: warningDiagnostics(warnings), failed: false };
  } catch (error) {
    return { plan: 'create', diagnostics: failureDiagnostics(error), failed: true };
  }
}

function withoutVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _drop, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function warningDiagnostics(warnings: string[]): Diagnostic[] {
  return warnings.map((message) => ({
    severity: 'warning',
    code: 'apiserver.warning',
    source: 'kubernetes',
    path: '',
    message,
  }));
}

export function failureDiagnostics(error: unknown): Diagnostic[] {
  if (error instanceof KubeApiError && (error.status === 400 || error.status === 422))
    return apiServerDiagnostics(error);
  const message =
    error instanceof ClusterUnreachableError || error instanceof KubeApiError
      ? error.message
      : 'Dialtone hit an unexpected error; the server log has the details.';
  const code =
    error instanceof ClusterUnreachableError
      ? 'apiserver.unreachable'
      : error instanceof KubeApiError && error.status === 403
        ? 'apiserver.forbidden'
        : error instanceof KubeApiError && error.status === 409
          ? 'apiserver.conflict'
          : 'apiserver.failed';
  return [{ severity: 'error', code, source: 'kubernetes', path: '', message }];
}
