export type AuthMode = 'local' | 'token' | 'proxy';

/** `GET /api/v1/session`. */
export interface SessionResponse {
  authenticated: boolean;
  authMode: AuthMode;
  /** Who the server acts as for you: the kubeconfig user, your token's user, or the proxy's user. */
  user?: { name: string; groups: string[] };
  /** Send as `X-CSRF-Token` on every write. */
  csrfToken: string;
  /** Plain words on which clusters the server uses and where they come from (kubeconfig, in-cluster, demo). */
  clusterSource?: string;
  /**
   * Token mode, signed in: the cluster the token was checked against, the only one it is sent to.
   * Every other cluster needs its own sign-in.
   */
  cluster?: string;
}

/** `POST /api/v1/session` in token mode. */
export interface LoginRequest {
  token: string;
  cluster?: string;
}
