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
 * Bearer tokens name the user. A request without one is anonymous (`undefined`), which the handler lets
 * through only to the public endpoints; a token that names nobody is refused at once, as kube-apiserver
 * does. Impersonation headers are honoured only for administrators, as RBAC would allow them only there.
 */
export function authenticate(headers: IncomingHttpHeaders, tokens: Tokens): Identity | undefined {
  const authorization = headers['authorization'];
  if (authorization === undefined || authorization === '') {
    const impersonating =
      headers['impersonate-user'] !== undefined || headerValues(headers, 'impersonate-group').length > 0;
    // Nobody may act as someone else without first saying who they are.
    if (impersonating) throw errors.unauthorized();
    return undefined;
  }
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  const role = match ? ROLE_NAMES.find((r) => sameSecret(tokens[r], match[1] ?? '')) : undefined;
  if (!role) throw errors.unauthorized();
  const identity = identityFor(role, role === 'admin' ? ['system:masters'] : []);
  const impersonateUser = headers['impersonate-user'];
  const impersonateGroups = headerValues(headers, 'impersonate-group');
  if (impersonateUser === undefined && impersonateGroups.length === 0) return identity;
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
