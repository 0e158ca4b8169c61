/** `GET /healthz`: the process is up and serving. */
export interface HealthResponse {
  status: 'ok';
  version: string;
}

/** `GET /readyz`: whether the server can do useful work now; 503 with a reason when it cannot. */
export type ReadyResponse = { status: 'ready' } | { status: 'not_ready'; reason: string };
