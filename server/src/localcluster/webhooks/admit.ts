import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';
import type { UserInfo } from '../auth/policy.js';
import type { ObjectService } from '../rest/objects.js';
import type { WriteOptions, WriteResult } from '../rest/types.js';
import type { ResourceType } from '../resources/registry.js';
import { findResource } from '../resources/registry.js';
import { ApiError, errors } from '../http/status.js';
import type { AdmissionTarget, ValidatingWebhook } from './configuration.js';
import { webhookApplies, webhooksOf } from './configuration.js';
import { callWebhook } from './call.js';

export const WEBHOOK_GROUP = 'admissionregistration.k8s.io';

export interface WebhookWrite {
  objects: ObjectService;
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  user: UserInfo;
  options: WriteOptions;
  /** Performs the write; called once as a dry run to learn the object the webhooks judge, then for real. */
  write: (options: WriteOptions) => WriteResult;
}

function configuredWebhooks(objects: ObjectService): ValidatingWebhook[] {
  const type = findResource(WEBHOOK_GROUP, 'v1', 'validatingwebhookconfigurations');
  if (!type) return [];
  return objects.list(type, undefined, {}).items.flatMap(webhooksOf);
}

function existing(w: WebhookWrite): KubeObject | undefined {
  if (w.name === undefined) return undefined;
  try {
    return w.objects.get(w.type, w.namespace, w.name);
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return undefined;
    throw error;
  }
}

function deniedError(webhook: string, code?: number, reason?: string, message?: string): ApiError {
  const deniedBy = `admission webhook "${webhook}" denied the request`;
  const text = message
    ? `${deniedBy}: ${message}`
    : reason
      ? `${deniedBy}: ${reason}`
      : `${deniedBy} without explanation`;
  return new ApiError(code !== undefined && code >= 400 ? code : 400, reason ?? '', text);
}

/**
 * Validating admission: the write is computed as a dry run, every matching webhook judges the result, and
 * only then is it stored. Webhook configurations themselves are never sent to webhooks, so a broken
 * webhook can always be removed.
 */
export async function writeThroughWebhooks(w: WebhookWrite): Promise<WriteResult> {
  const all = w.type.group === WEBHOOK_GROUP ? [] : configuredWebhooks(w.objects);
  if (all.length === 0) return w.write(w.options);
  const old = existing(w);
  const target: AdmissionTarget = {
    operation: old ? 'UPDATE' : 'CREATE',
    group: w.type.group,
    version: w.type.version,
    resource: w.type.plural,
    namespaced: w.type.namespaced,
  };
  const hooks = all.filter((hook) => webhookApplies(hook, target, w.options.dryRun));
  if (hooks.length === 0) return w.write(w.options);
  const preview = w.write({ ...w.options, dryRun: true });
  if (!isPlainObject(preview.body) || preview.body['kind'] !== w.type.kind) return preview;
  const object = preview.body as KubeObject;
  const uid = randomUUID();
  const review = {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: w.type.group, version: w.type.version, kind: w.type.kind },
      resource: { group: w.type.group, version: w.type.version, resource: w.type.plural },
      requestKind: { group: w.type.group, version: w.type.version, kind: w.type.kind },
      requestResource: { group: w.type.group, version: w.type.version, resource: w.type.plural },
      name: object.metadata.name,
      ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
      operation: target.operation,
      userInfo: { username: w.user.username, groups: w.user.groups },
      object,
      oldObject: old ?? null,
      dryRun: w.options.dryRun,
      options: {
        apiVersion: 'meta.k8s.io/v1',
        kind: old ? 'UpdateOptions' : 'CreateOptions',
        ...(w.options.fieldManagerGiven ? { fieldManager: w.options.fieldManager } : {}),
      },
    },
  };
  const answers = await Promise.all(hooks.map((hook) => callWebhook(hook, review)));
  const warnings: string[] = [];
  for (const [i, answer] of answers.entries()) {
    const hook = hooks[i]!;
    if (answer.outcome === 'denied') throw deniedError(hook.name, answer.code, answer.reason, answer.message);
    if (answer.outcome === 'failed' && hook.failurePolicy === 'Fail') {
      throw errors.internal(`failed calling webhook "${hook.name}": ${answer.message}`);
    }
    if (answer.outcome === 'allowed') warnings.push(...answer.warnings);
  }
  const result = w.options.dryRun ? preview : w.write(w.options);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}
