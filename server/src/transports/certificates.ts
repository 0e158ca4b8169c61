import { X509Certificate } from 'node:crypto';
import type { CertificateSummary } from '@dialtone/shared';

// A CA bundle of a few hundred certificates is plausible; more is a mistake or an attack on our memory.
const MAX_CERTIFICATES = 100;
const MAX_TEXT = 256;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function altNames(certificate: X509Certificate): {
  dnsNames: string[];
  uris: string[];
  ipAddresses: string[];
} {
  const out = { dnsNames: [] as string[], uris: [] as string[], ipAddresses: [] as string[] };
  for (const entry of (certificate.subjectAltName ?? '').split(/,\s*/)) {
    const colon = entry.indexOf(':');
    if (colon === -1) continue;
    const kind = entry.slice(0, colon);
    const value = clip(entry.slice(colon + 1));
    if (kind === 'DNS') out.dnsNames.push(value);
    else if (kind === 'URI') out.uris.push(value);
    else if (kind === 'IP Address') out.ipAddresses.push(value);
  }
  for (const list of Object.values(out)) list.splice(MAX_CERTIFICATES);
  return out;
}

/**
 * Facts about the certificates in a PEM text, never the text itself. Returns undefined when the text
 * holds no certificate that parses.
 */
export function summarizeCertificates(pem: string, now = new Date()): CertificateSummary[] | undefined {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  const summaries: CertificateSummary[] = [];
  for (const block of blocks.slice(0, MAX_CERTIFICATES)) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(block);
    } catch {
      continue;
    }
    const notAfter = new Date(certificate.validTo);
    summaries.push({
      subject: clip(certificate.subject.replace(/\n/g, ', ')),
      issuer: clip(certificate.issuer.replace(/\n/g, ', ')),
      notBefore: new Date(certificate.validFrom).toISOString(),
      notAfter: notAfter.toISOString(),
      expired: notAfter.getTime() < now.getTime(),
      ...altNames(certificate),
      isCA: certificate.ca,
      fingerprintSha256: certificate.fingerprint256,
    });
  }
  return summaries.length > 0 ? summaries : undefined;
}
