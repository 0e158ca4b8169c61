import type { Identity } from '../auth/policy.js';
import { allowed, rulesInNamespace } from '../auth/policy.js';
import { isPlainObject } from '../types.js';
import { errors } from './status.js';

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Answers "may I?" for the caller exactly as every other request is authorized. */
export function selfSubjectAccessReview(identity: Identity, body: unknown): unknown {
  const review = record(body);
  const spec = record(review['spec']);
  const attrs = record(spec['resourceAttributes']);
  const nonResource = spec['nonResourceAttributes'];
  let status: Record<string, unknown>;
  if (isPlainObject(spec['resourceAttributes'])) {
    const namespace = text(attrs['namespace']);
    const ok = allowed(identity, {
      verb: text(attrs['verb']),
      group: text(attrs['group']),
      resource: text(attrs['resource']),
      namespace: namespace === '' ? undefined : namespace,
      name: text(attrs['name']) || undefined,
    });
    status = ok ? { allowed: true, reason: 'allowed by the Dialtone demo policy' } : { allowed: false };
  } else if (isPlainObject(nonResource)) {
    status = { allowed: true, reason: 'every signed-in user may read discovery, version and OpenAPI' };
  } else {
    throw errors.invalid('SelfSubjectAccessReview', 'authorization.k8s.io', '', [
      {
        reason: 'FieldValueRequired',
        field: 'spec.resourceAttributes',
        message:
          'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ]);
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}

export function selfSubjectRulesReview(identity: Identity, body: unknown): unknown {
  const spec = record(record(body)['spec']);
  const namespace = text(spec['namespace']);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: {
      resourceRules: rulesInNamespace(identity, namespace).map((r) => ({ ...r })),
      nonResourceRules: [
        {
          verbs: ['get'],
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/openapi',
            '/openapi/*',
            '/version',
            '/healthz',
            '/readyz',
            '/livez',
          ],
        },
      ],
      incomplete: false,
    },
  };
}

/** `kubectl auth whoami`: the identity this request was made as, impersonation applied. */
export function selfSubjectReview(identity: Identity): unknown {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo: { username: identity.user.username, groups: identity.user.groups } },
  };
}
