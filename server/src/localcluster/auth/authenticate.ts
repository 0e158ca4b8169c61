import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { errors } from '../http/status.js';
import type { Identity, RoleName } from './policy.js';
import { identityFor, ROLE_NAMES } from './policy.js';

export type Tokens = Record<RoleName, string>;

export function generateTokens(): Tokens {
  const make = (role: string) => `${role}.${randomBytes(24).toString('base64url')}`;
  return { admin: make('admin'), editor: make('editor'), viewer: make('viewer') };
}

function sameSecret(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Bearer tokens name the user; no token at all is the local administrator, so a loopback user needs no
 * setup. Impersonation headers are honoured only for administrators, as RBAC would allow them only there.
 */
export function authenticate(headers: IncomingHttpHeaders, tokens: Tokens): Identity {
  const authorization = headers['authorization'];
  let identity: Identity;
  if (authorization === undefined || authorization === '') {
    identity = identityFor('admin', ['system:masters']);
  } else {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    const role = match ? ROLE_NAMES.find((r) => sameSecret(tokens[r], match[1] ?? '')) : undefined;
    if (!role) throw errors.unauthorized();
    identity = identityFor(role, role === 'admin' ? ['system:masters'] : []);
  }
  const impersonateUser = headers['impersonate-user'];
  const impersonateGroups = headerValues(headers, 'impersonate-group');
  if (impersonateUser === undefined && impersonateGroups.length === 0) return identity;
  // Acting as yourself grants nothing; kubeconfigs rely on it because kubectl sends no token over http.
  if (impersonateUser === identity.user.username && impersonateGroups.length === 0) return identity;
  if (!identity.mayImpersonate) {
    const target = typeof impersonateUser === 'string' ? impersonateUser : impersonateGroups[0];
    const resource = typeof impersonateUser === 'string' ? 'users' : 'groups';
    throw errors.forbidden(
      `${resource} "${target}" is forbidden: User "${identity.user.username}" cannot impersonate resource "${resource}" in API group "" at the cluster scope`,
      { group: '', plural: resource },
      target,
    );
  }
  const username = typeof impersonateUser === 'string' ? impersonateUser : identity.user.username;
  return identityFor(username, impersonateGroups);
}
