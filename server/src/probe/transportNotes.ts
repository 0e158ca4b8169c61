import type { ServersTransportTCPSpec } from '@dialtone/shared';
import type { BuildResult } from './buildChecks.js';
import type { LoadedMaterial } from './material.js';
import { printable } from './targetAddress.js';
import { prepareTls } from './tlsMaterial.js';

/** Things about the transport as a whole that Traefik would log or do silently. */
export function transportNotes(
  spec: ServersTransportTCPSpec | undefined,
  material: LoadedMaterial,
  build: BuildResult,
): string[] {
  const notes = [...material.warnings];
  for (const skipped of material.skipped) notes.push(`Traefik skips ${skipped.item}: ${skipped.log}`);
  const tls = spec?.tls;
  if (tls && (material.cas.length > 0 || material.certificates.length > 0)) {
    for (const dropped of prepareTls(material).dropped)
      notes.push(`Traefik drops ${dropped.item}: ${dropped.log}`);
  }
  const referencedCAs = (tls?.rootCAs?.length ?? 0) + (tls?.rootCAsSecrets?.length ?? 0);
  if (referencedCAs > 0 && material.cas.length === 0 && !tls?.spiffe) {
    notes.push(
      'Every CA failed to load, so Traefik falls back to the system roots: trust silently widens to every public CA.',
    );
  }
  if ((tls?.peerCertSANs?.length ?? 0) > 0) {
    notes.push(
      'Traefik does not copy peerCertSANs into TCP transports from the CRD, so neither Traefik nor the probe checks it.',
    );
  }
  if (build.ok && build.plan.dialTimeoutMs === 0) {
    notes.push(
      'dialTimeout is 0: Traefik sets no dial deadline, so a dropped SYN waits for the operating system (about two minutes on Linux).',
    );
  }
  return notes.map((n) => printable(n, 600));
}
