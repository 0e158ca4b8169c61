import type { TlsPlan } from './buildChecks.js';
import { printable } from './targetAddress.js';
import type { TlsCheckResult } from './tlsChecks.js';

type TlsConfigPlan = Extract<TlsPlan, { kind: 'tls' }>;

/** Handshakes offered per target at most: each is a new connection to the backend. */
export const MAX_CLIENT_CERTIFICATE_OFFERS = 5;

const GO_RULE =
  'Go sends the first client certificate whose issuer the backend lists among its acceptable CAs (and none if none is listed); the probe cannot read that list';

function named(subjects: string[]): string {
  return subjects.map((s) => printable(s, 200)).join(', ');
}

/**
 * Traefik loads several client certificates and Go picks, per handshake, the first the backend's
 * CertificateRequest names as acceptable. Node cannot read that request, so when the backend refuses
 * the first certificate the probe reconnects with the next, and keeps the first one accepted: the one
 * whose issuer the backend trusts, which is the one Go would have picked.
 *
 * `attempt` dials again and shakes hands with the given plan; undefined when it could not reconnect.
 */
export async function offerClientCertificates(
  plan: TlsConfigPlan,
  first: TlsCheckResult,
  attempt: (plan: TlsConfigPlan) => Promise<TlsCheckResult | undefined>,
  deadline: number,
): Promise<TlsCheckResult> {
  const subjects = plan.prepared.clientCertificates;
  if (subjects.length < 2) return first;
  const refused: string[] = [];
  let result = first;
  let index = 0;
  while (
    result.outcome === 'client_certificate_rejected' &&
    index + 1 < Math.min(subjects.length, MAX_CLIENT_CERTIFICATE_OFFERS) &&
    performance.now() < deadline
  ) {
    refused.push(subjects[index]!);
    index += 1;
    const next = await attempt({
      ...plan,
      prepared: {
        ...plan.prepared,
        secureContext: plan.prepared.contextForClient(index),
        clientCertificate: subjects[index]!,
      },
    });
    if (!next) {
      index -= 1;
      refused.pop();
      break;
    }
    result = next;
  }
  const loaded = `${subjects.length} client certificates loaded.`;
  let note: string;
  if (result.outcome === 'client_certificate_rejected') {
    refused.push(subjects[index]!);
    const untried = subjects.length - refused.length;
    note = `${loaded} The backend refused each the probe offered: ${named(refused)}${untried > 0 ? ` (${untried} not tried)` : ''}. ${GO_RULE}.`;
  } else if (refused.length > 0) {
    note = `${loaded} ${GO_RULE}, so it offered them in order: the backend refused ${named(refused)} and accepted ${named([subjects[index]!])}, the one Traefik sends.`;
  } else if (result.outcome === 'ok') {
    note = `${loaded} The backend accepted the first, ${named([subjects[0]!])}. ${GO_RULE}; Traefik sends this one if the backend lists its issuer.`;
  } else {
    note = `${loaded} The probe sent the first, ${named([subjects[0]!])}. ${GO_RULE}, so Traefik may send another.`;
  }
  return { ...result, notes: [...result.notes, note] };
}
