/** `GET /healthz`: the process is up and serving. */
export interface HealthResponse {
  status: 'ok';
  version: string;
}
