import type { X509Certificate } from 'node:crypto';
import type { ProbeStage } from '@dialtone/shared';
import type { TlsPlan } from './buildChecks.js';
import { uriSans } from './certificates.js';
import { stage } from './stages.js';
import { printable } from './targetAddress.js';

const MAX_ID = 200;

/**
 * go-spiffe's authorizer on the backend's SVID: exactly one URI SAN, then AuthorizeOneOf(ids),
 * AuthorizeMemberOf(trustDomain) or AuthorizeAny. The trust bundle check is not possible here.
 */
export function spiffeIdentity(
  leaf: X509Certificate,
  plan: Extract<TlsPlan, { kind: 'spiffe' }>,
): { identity: ProbeStage; failure?: { message: string; nextStep: string } } {
  const uris = uriSans(leaf);
  const id = uris.length === 1 ? uris[0]! : undefined;
  let identity: ProbeStage;
  let failure: { message: string; nextStep: string } | undefined;
  if (!id || leaf.ca) {
    const message = !id
      ? `x509svid: could not get leaf SPIFFE ID: certificate contains ${uris.length === 0 ? 'no URI SAN' : 'more than one URI SAN'}`
      : 'x509svid: leaf certificate with CA flag set to true';
    identity = stage('peer-identity', 'fail', message);
    failure = {
      message,
      nextStep: 'The backend does not present an X.509 SVID. Give it one from its SPIFFE workload API.',
    };
  } else {
    const trustDomain = plan.trustDomain;
    const idDomain = id.startsWith('spiffe://') ? id.slice(9).split('/')[0]! : '';
    const allowed =
      plan.ids.length > 0 ? plan.ids.includes(id) : plan.trustDomain !== '' ? idDomain === trustDomain : true;
    const shown = printable(id, MAX_ID);
    if (allowed) {
      identity = stage(
        'peer-identity',
        'pass',
        `The backend's SPIFFE ID ${shown} is ${plan.ids.length > 0 ? 'one of tls.spiffe.ids' : plan.trustDomain !== '' ? `in trust domain ${plan.trustDomain}` : 'accepted (any ID)'}.`,
      );
    } else {
      const message =
        plan.ids.length > 0
          ? `unexpected ID "${shown}"`
          : `unexpected trust domain "${printable(idDomain, 100)}"`;
      identity = stage('peer-identity', 'fail', message);
      failure = {
        message,
        nextStep:
          plan.ids.length > 0
            ? `The backend presents ${shown}. Add it to tls.spiffe.ids if it is the right workload.`
            : `The backend's ID is in another trust domain. Check tls.spiffe.trustDomain.`,
      };
    }
  }
  return failure ? { identity, failure } : { identity };
}
