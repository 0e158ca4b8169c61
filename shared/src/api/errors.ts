/** Every error the HTTP API returns has this shape, with a fitting status and never a stack trace. */
export interface ApiError {
  /** Stable snake_case identifier, e.g. `conflict`, `validation_failed`, `cluster_unreachable`. */
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

export interface ErrorEnvelope {
  error: ApiError;
}

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'already_exists'
  | 'validation_failed'
  | 'yaml_parse_error'
  | 'multiple_documents'
  | 'wrong_kind'
  | 'identity_mismatch'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'csrf_failed'
  | 'cluster_unreachable'
  | 'admission_webhook_failed'
  | 'probe_blocked'
  | 'rate_limited'
  | 'misdirected_host'
  | 'client_not_built'
  | 'internal';

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
