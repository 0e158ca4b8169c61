import { apiPaths, type LoginRequest, type SessionResponse } from '@dialtone/shared';
import { ApiRequestError, errorFromResponse } from './errors';

let csrfToken: Promise<string> | undefined;

/** The session is read once per page; the token is bound to it, so a 403 csrf_failed re-reads it once. */
export async function fetchSession(): Promise<SessionResponse> {
  const session = await getJson<SessionResponse>(apiPaths.session());
  csrfToken = Promise.resolve(session.csrfToken);
  return session;
}

async function token(): Promise<string> {
  csrfToken ??= fetchSession().then((s) => s.csrfToken);
  try {
    return await csrfToken;
  } catch (error) {
    csrfToken = undefined;
    throw error;
  }
}

let onUnauthorized: (() => void) | undefined;

/** Called when the server says the session is gone (expired, server restarted): show sign-in again. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    const response = await fetch(url, { credentials: 'same-origin', ...init });
    if (response.status === 401 && url !== apiPaths.session()) onUnauthorized?.();
    return response;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiRequestError(0, 'network', `The Dialtone server cannot be reached (${reason}).`);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await send(url, {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

export async function getText(url: string, accept = 'application/yaml'): Promise<string> {
  const response = await send(url, { headers: { Accept: accept } });
  if (!response.ok) throw await errorFromResponse(response);
  return response.text();
}

export type WriteBody = { json: unknown } | { yaml: string } | undefined;

/** A state-changing call: always same-origin, always with the session's CSRF token. */
export async function write<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body: WriteBody): Promise<T> {
  const attempt = async (): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRF-Token': await token() };
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['Content-Type'] = 'application/yaml';
      payload = body.yaml;
    }
    return send(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  };
  let response = await attempt();
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (error.code !== 'csrf_failed') throw error;
    // The session may have rotated (server restart, expiry): one fresh token, one retry.
    csrfToken = undefined;
    response = await attempt();
    if (!response.ok) throw await errorFromResponse(response);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Token sign-in and sign-out start a new session, which comes with its own CSRF token. */
export async function signIn(request: LoginRequest): Promise<SessionResponse> {
  const session = await write<SessionResponse>('POST', apiPaths.session(), { json: request });
  csrfToken = Promise.resolve(session.csrfToken);
  return session;
}

export async function signOut(): Promise<SessionResponse> {
  const session = await write<SessionResponse>('DELETE', apiPaths.session(), undefined);
  csrfToken = Promise.resolve(session.csrfToken);
  return session;
}
