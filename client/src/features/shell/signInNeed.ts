import type { SessionResponse } from '@dialtone/shared';

/** A sign-in the page asks for before it shows anything: for which cluster, and why. */
export interface SignInNeed {
  /** The cluster being viewed; the token is checked against it and sent to no other. */
  cluster?: string;
  /** Why a signed-in user is asked again; absent for a first sign-in. */
  message?: string;
}

/**
 * Whether the page must ask for a sign-in before it shows `cluster`. In token mode a login belongs
 * to the cluster its token was checked against, so viewing another cluster asks for a token that
 * cluster accepts instead of showing its pages as a row of refusals.
 */
export function signInNeed(
  session: SessionResponse | undefined,
  cluster: string | undefined,
): SignInNeed | undefined {
  if (!session) return undefined;
  if (!session.authenticated) return cluster === undefined ? {} : { cluster };
  if (session.authMode !== 'token' || session.cluster === undefined || cluster === undefined)
    return undefined;
  if (session.cluster === cluster) return undefined;
  return {
    cluster,
    message:
      `You are signed in to cluster ${session.cluster}, and your token is sent to that cluster only. ` +
      `Sign in with a token that ${cluster} accepts to see it; that ends your session for ${session.cluster}.`,
  };
}
