import type { ServersTransportTCPSpec } from '../model/index.js';

export type ProbeTransport =
  { namespace: string; name: string } | { namespace: string; spec: ServersTransportTCPSpec };

export type ProbeTarget =
  | { address: string; tls?: boolean }
  | { service: { namespace: string; name: string; port: number | string }; tls?: boolean; nativeLB?: boolean }
  | { routes: true };

/** `POST /api/v1/clusters/{c}/probe`. */
export interface ProbeRequest {
  transport: ProbeTransport;
  targets: ProbeTarget[];
}

export type ProbeStageName = 'build' | 'resolve' | 'connect' | 'proxy-protocol' | 'tls' | 'verify';

export interface ProbeStage {
  stage: ProbeStageName;
  status: 'ok' | 'failed' | 'skipped' | 'warning';
  durationMs?: number;
  message: string;
  /** How to fix it, in one step. */
  hint?: string;
}

export interface ProbeTargetResult {
  target: string;
  tls: boolean;
  ok: boolean;
  stages: ProbeStage[];
}

export interface ProbeResponse {
  results: ProbeTargetResult[];
  notes: string[];
}
