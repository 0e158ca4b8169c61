import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';
import type { StatusCause } from '../http/status.js';
import { errors } from '../http/status.js';
import { loopbackProblem } from './loopback.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface WebhookRule {
  operations: string[];
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  scope: string;
}

export interface ValidatingWebhook {
  name: string;
  url: string;
  /** PEM, decoded from `clientConfig.caBundle`; absent means the system roots. */
  ca?: string;
  rules: WebhookRule[];
  failurePolicy: 'Fail' | 'Ignore';
  sideEffects: string;
  timeoutSeconds: number;
}

/** What is being written, in the terms webhook rules match on. */
export interface AdmissionTarget {
  operation: Operation;
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*'];
const SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const SCOPES = ['Cluster', 'Namespaced', '*'];

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function ruleCauses(rule: unknown, field: string): StatusCause[] {
  if (!isPlainObject(rule))
    return [{ reason: 'FieldValueInvalid', field, message: 'Invalid value: must be an object' }];
  const causes: StatusCause[] = [];
  for (const key of ['operations', 'apiGroups', 'apiVersions', 'resources']) {
    if (strings(rule[key]).length === 0) {
      causes.push({ reason: 'FieldValueRequired', field: `${field}.${key}`, message: 'Required value' });
    }
  }
  for (const op of strings(rule['operations'])) {
    if (!OPERATIONS.includes(op)) {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: `${field}.operations`,
        message: `Unsupported value: "${op}": supported values: ${OPERATIONS.map((o) => `"${o}"`).join(', ')}`,
      });
    }
  }
  return causes;
}

function webhookCauses(webhook: unknown, field: string): StatusCause[] {
  if (!isPlainObject(webhook)) {
    return [{ reason: 'FieldValueInvalid', field, message: 'Invalid value: must be an object' }];
  }
  const causes: StatusCause[] = [];
  const required = (key: string) =>
    causes.push({ reason: 'FieldValueRequired', field: `${field}.${key}`, message: 'Required value' });
  if (typeof webhook['name'] !== 'string' || webhook['name'] === '') required('name');
  const client = isPlainObject(webhook['clientConfig']) ? webhook['clientConfig'] : {};
  const url = typeof client['url'] === 'string' ? client['url'] : '';
  if (client['service'] !== undefined) {
    // There are no Services with endpoints behind this API server to route a webhook call to.
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${field}.clientConfig.service`,
      message: 'Unsupported value: this cluster calls webhooks by clientConfig.url only',
    });
  } else {
    const problem = loopbackProblem(url);
    if (problem !== undefined) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: `${field}.clientConfig.url`,
        message: `Invalid value: "${url}": ${problem}`,
      });
    }
  }
  const sideEffects = webhook['sideEffects'];
  if (typeof sideEffects !== 'string' || !SIDE_EFFECTS.includes(sideEffects)) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${field}.sideEffects`,
      message: `Unsupported value: "${String(sideEffects ?? '')}": supported values: "None", "NoneOnDryRun"`,
    });
  }
  if (!strings(webhook['admissionReviewVersions']).includes('v1')) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: `${field}.admissionReviewVersions`,
      message: 'Invalid value: must include at least one of v1',
    });
  }
  const policy = webhook['failurePolicy'];
  if (policy !== undefined && policy !== 'Fail' && policy !== 'Ignore') {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${field}.failurePolicy`,
      message: `Unsupported value: "${String(policy)}": supported values: "Fail", "Ignore"`,
    });
  }
  const timeout = webhook['timeoutSeconds'];
  if (
    timeout !== undefined &&
    !(Number.isInteger(timeout) && Number(timeout) >= 1 && Number(timeout) <= 30)
  ) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: `${field}.timeoutSeconds`,
      message: `Invalid value: ${JSON.stringify(timeout)}: the timeout value must be between 1 and 30 seconds`,
    });
  }
  const rules = Array.isArray(webhook['rules']) ? webhook['rules'] : [];
  rules.forEach((rule, i) => causes.push(...ruleCauses(rule, `${field}.rules[${i}]`)));
  return causes;
}

/** Refuses what the API server would refuse, then fills in its defaults so reads show them. */
export function admitWebhookConfiguration(object: KubeObject): void {
  const webhooks = object['webhooks'] ?? [];
  if (!Array.isArray(webhooks)) {
    throw errors.invalid(object.kind, 'admissionregistration.k8s.io', object.metadata.name ?? '', [
      { reason: 'FieldValueInvalid', field: 'webhooks', message: 'Invalid value: must be a list' },
    ]);
  }
  const causes = webhooks.flatMap((w, i) => webhookCauses(w, `webhooks[${i}]`));
  const names = webhooks.map((w) => (isPlainObject(w) ? w['name'] : undefined));
  names.forEach((name, i) => {
    if (typeof name === 'string' && names.indexOf(name) !== i) {
      causes.push({
        reason: 'FieldValueDuplicate',
        field: `webhooks[${i}].name`,
        message: `Duplicate value: "${name}"`,
      });
    }
  });
  if (causes.length > 0) {
    throw errors.invalid(object.kind, 'admissionregistration.k8s.io', object.metadata.name ?? '', causes);
  }
  for (const webhook of webhooks as Record<string, unknown>[]) {
    webhook['failurePolicy'] ??= 'Fail';
    webhook['timeoutSeconds'] ??= 10;
    webhook['matchPolicy'] ??= 'Equivalent';
    webhook['namespaceSelector'] ??= {};
    webhook['objectSelector'] ??= {};
    for (const rule of (webhook['rules'] ?? []) as Record<string, unknown>[]) rule['scope'] ??= '*';
  }
}

/** The webhooks of a stored configuration, in the shape the caller needs. */
export function webhooksOf(configuration: KubeObject): ValidatingWebhook[] {
  const webhooks = Array.isArray(configuration['webhooks']) ? configuration['webhooks'] : [];
  return webhooks.filter(isPlainObject).map((w) => {
    const client = isPlainObject(w['clientConfig']) ? w['clientConfig'] : {};
    const caBundle = typeof client['caBundle'] === 'string' ? client['caBundle'] : '';
    return {
      name: String(w['name']),
      url: String(client['url']),
      ca: caBundle ? Buffer.from(caBundle, 'base64').toString('utf8') : undefined,
      rules: (Array.isArray(w['rules']) ? w['rules'] : []).filter(isPlainObject).map((r) => ({
        operations: strings(r['operations']),
        apiGroups: strings(r['apiGroups']),
        apiVersions: strings(r['apiVersions']),
        resources: strings(r['resources']),
        scope: SCOPES.includes(String(r['scope'])) ? String(r['scope']) : '*',
      })),
      failurePolicy: w['failurePolicy'] === 'Ignore' ? 'Ignore' : 'Fail',
      sideEffects: String(w['sideEffects']),
      timeoutSeconds: typeof w['timeoutSeconds'] === 'number' ? w['timeoutSeconds'] : 10,
    };
  });
}

function listed(list: string[], value: string): boolean {
  return list.includes('*') || list.includes(value);
}

function ruleMatches(rule: WebhookRule, target: AdmissionTarget): boolean {
  const scope = rule.scope === '*' || (rule.scope === 'Namespaced') === target.namespaced;
  return (
    scope &&
    listed(rule.operations, target.operation) &&
    listed(rule.apiGroups, target.group) &&
    listed(rule.apiVersions, target.version) &&
    (rule.resources.includes('*') ||
      rule.resources.includes('*/*') ||
      rule.resources.includes(target.resource))
  );
}

/**
 * Whether the webhook is called for this write. A dry run calls only webhooks that declare they have no
 * side effects on dry runs, as the API server does.
 */
export function webhookApplies(
  webhook: ValidatingWebhook,
  target: AdmissionTarget,
  dryRun: boolean,
): boolean {
  if (dryRun && !SIDE_EFFECTS.includes(webhook.sideEffects)) return false;
  return webhook.rules.some((rule) => ruleMatches(rule, target));
}
