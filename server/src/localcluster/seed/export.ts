import type { BackendListenOptions, DemoBackends } from './backends.js';
import { startDemoBackends } from './backends.js';
import { readBackendCertificates, writeBackendCertificates } from './certificateFiles.js';
import type { DemoLayout, Manifest } from './manifests.js';
import { demoCertificates, demoObjects } from './manifests.js';

export interface DemoManifestsOptions extends DemoLayout {
  /** Also write the backends' certificates and keys here, for `startDemoBackendsFromCerts`. */
  certsOut?: string;
}

/**
 * The demo objects for a real cluster, with certificates issued now. They are the objects the
 * embedded cluster seeds, so the demo has one source.
 */
export function demoManifests(options: DemoManifestsOptions = {}): Manifest[] {
  const certificates = demoCertificates();
  if (options.certsOut !== undefined) writeBackendCertificates(options.certsOut, certificates);
  return demoObjects(certificates, { backendHost: options.backendHost });
}

/** Starts the demo backends with the certificates `demoManifests({ certsOut })` wrote to `dir`. */
export function startDemoBackendsFromCerts(
  dir: string,
  options: BackendListenOptions = {},
): Promise<DemoBackends> {
  return startDemoBackends(readBackendCertificates(dir), options);
}
