import type { ProbeResponse } from '@dialtone/shared';

export const MAX_RESPONSE_BYTES = 512 * 1024;

/**
 * Keeps the answer small whatever the backends present: when the JSON is too large, the SAN lists
 * shrink (their counts stay), then certificates beyond the leaf go.
 */
export function boundResponse(response: ProbeResponse, maxBytes = MAX_RESPONSE_BYTES): ProbeResponse {
  const size = () => Buffer.byteLength(JSON.stringify(response));
  for (const keep of [20, 5, 0]) {
    if (size() <= maxBytes) return response;
    for (const result of response.results) {
      for (const cert of result.certificates) {
        if (cert.sans.length > keep) {
          cert.sansOmitted += cert.sans.length - keep;
          cert.sans = cert.sans.slice(0, keep);
        }
      }
    }
  }
  if (size() > maxBytes)
    for (const result of response.results) result.certificates = result.certificates.slice(0, 1);
  return response;
}
