import type { Request } from 'express';

// Kubernetes impersonation headers and the forwarded-identity headers only mean something when
// Dialtone itself sets them; a browser must never be able to pass them through.
const IMPERSONATION = /^impersonate-/i;

export function stripIdentityHeaders(req: Request, forwardedHeaders: readonly string[]): void {
  const kept = Object.entries(req.headers).filter(
    ([name]) => !IMPERSONATION.test(name) && !forwardedHeaders.includes(name.toLowerCase()),
  );
  req.headers = Object.fromEntries(kept);
}

/** The user and groups an authenticating proxy put in the request, before they are stripped. */
export function forwardedIdentity(
  req: Request,
  userHeader: string,
  groupsHeader: string,
): { user: string; groups: string[] } | undefined {
  const user = req.get(userHeader)?.trim();
  if (!user) return undefined;
  const groups = (req.get(groupsHeader) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  return { user, groups };
}
