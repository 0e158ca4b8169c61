/**
 * SPIFFE ID and trust-domain syntax as go-spiffe v2 checks it (no backcompat build tag): trust
 * domains use [a-z0-9._-], path segments [a-zA-Z0-9._-], no empty, "." or ".." segments.
 */
const TRUST_DOMAIN = /^[a-z0-9._-]+$/;
const SEGMENT = /^[a-zA-Z0-9._-]+$/;

export function spiffeIdProblem(id: string): string | undefined {
  if (!id.startsWith('spiffe://')) return 'it must start with "spiffe://"';
  const rest = id.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  const domain = slash === -1 ? rest : rest.slice(0, slash);
  const domainProblem = trustDomainProblem(domain);
  if (domainProblem) return `its trust domain ${domainProblem}`;
  if (slash === -1) return undefined;
  const path = rest.slice(slash);
  if (path === '/') return 'its path must not end with "/"';
  for (const segment of path.slice(1).split('/')) {
    if (segment === '') return 'its path has an empty segment or a trailing "/"';
    if (segment === '.' || segment === '..') return 'its path has a "." or ".." segment';
    if (!SEGMENT.test(segment))
      return `its path segment "${segment}" has characters other than a-z A-Z 0-9 . - _`;
  }
  return undefined;
}

/** go-spiffe accepts a bare trust domain or a `spiffe://` ID whose trust domain is taken. */
export function trustDomainProblem(value: string): string | undefined {
  let domain = value;
  if (domain.startsWith('spiffe://')) {
    domain = domain.slice('spiffe://'.length);
    const slash = domain.indexOf('/');
    if (slash !== -1) domain = domain.slice(0, slash);
  }
  if (domain === '') return 'is empty';
  if (!TRUST_DOMAIN.test(domain))
    return `"${domain}" has characters other than lowercase a-z, 0-9, ".", "-" and "_"`;
  return undefined;
}
