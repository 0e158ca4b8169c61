import { createHash } from 'node:crypto';

/**
 * Who a request acts as towards Kubernetes (DESIGN.md rule 3). Every Kubernetes call made for a
 * user carries exactly this identity; the server's own credentials never widen it.
 */
export type Identity =
  /** `--auth local`: the kubeconfig's own user, for a single person on 127.0.0.1. */
  | { kind: 'local' }
  /** `--auth token`: the user's bearer token, checked against one cluster at login and sent to no other. */
  | { kind: 'token'; token: string; cluster: string; user?: string }
  /** `--auth proxy`: the server's credentials with Impersonate-User / Impersonate-Group. */
  | { kind: 'impersonate'; user: string; groups: string[] };

/** A stable key for caches that must never be shared between identities. Never contains a token. */
export function identityKey(identity: Identity): string {
  switch (identity.kind) {
    case 'local':
      return 'local';
    case 'token':
      return `token:${hashToken(identity.token)}`;
    case 'impersonate':
      return `user:${identity.user}|${[...identity.groups].sort().join(',')}`;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
