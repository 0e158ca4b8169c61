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

/**
 * go-spiffe's TrustDomainFromString: anything with ":/" in it is parsed as a whole SPIFFE ID, path
 * included (`spiffe://td/bad path` is an error), and its trust domain taken; else a bare trust domain.
 */
export function trustDomainProblem(value: string): string | undefined {
  if (value.includes(':/')) {
    const problem = spiffeIdProblem(value);
    return problem ? `"${value}" is not a valid SPIFFE ID: ${problem}` : undefined;
  }
  if (value === '') return 'is empty';
  if (!TRUST_DOMAIN.test(value))
    return `"${value}" has characters other than lowercase a-z, 0-9, ".", "-" and "_"`;
  return undefined;
}

/** The trust domain a valid `tls.spiffe.trustDomain` names, whether written bare or as an ID. */
export function trustDomainName(value: string): string {
  if (!value.includes(':/')) return value;
  const rest = value.slice(value.indexOf('://') + 3);
  return rest.split('/')[0] ?? '';
}
