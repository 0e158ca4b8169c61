import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';
import type { ObjectService } from '../rest/objects.js';
import { findByKind } from '../resources/registry.js';
import { SYSTEM_WRITE } from '../bootstrap.js';
import type { KeyPair } from './certificates.js';
import type { BackendCertificates, DemoBackends } from './backends.js';
import { BACKEND_NAMES, startDemoBackends } from './backends.js';
import type { Manifest } from './manifests.js';
import { demoObjects, endpointSlice } from './manifests.js';

const SEED_WRITE = { ...SYSTEM_WRITE, fieldManager: 'dialtone-demo-seed' };

function write(objects: ObjectService, manifest: Manifest): void {
  const type = findByKind(manifest.apiVersion, manifest.kind);
  if (!type)
    throw new Error(
      `the demo seed has a ${manifest.apiVersion} ${manifest.kind}, which this server does not serve`,
    );
  objects.create(type, type.namespaced ? manifest.metadata.namespace : undefined, manifest, SEED_WRITE);
}

/** Creates the demo: namespaces, a CA with certificates made now, transports of every kind, routes and backends' Services. */
export function seedDemo(objects: ObjectService): void {
  for (const manifest of demoObjects()) write(objects, manifest);
}

function secretPair(object: KubeObject | undefined): KeyPair | undefined {
  const data =
    object && isPlainObject(object['data']) ? (object['data'] as Record<string, string>) : undefined;
  const cert = data?.['tls.crt'];
  const key = data?.['tls.key'];
  if (!cert || !key) return undefined;
  return {
    certPem: Buffer.from(cert, 'base64').toString('utf8'),
    keyPem: Buffer.from(key, 'base64').toString('utf8'),
  };
}

function storedCertificates(objects: ObjectService): BackendCertificates | undefined {
  const secrets = findByKind('v1', 'Secret');
  const configMaps = findByKind('v1', 'ConfigMap');
  if (!secrets || !configMaps) return undefined;
  const get = (name: string) => {
    try {
      return objects.get(secrets, 'demo', name);
    } catch {
      return undefined;
    }
  };
  let ca: string | undefined;
  try {
    const data = objects.get(configMaps, 'demo', 'demo-ca')['data'];
    ca = isPlainObject(data) && typeof data['ca.crt'] === 'string' ? data['ca.crt'] : undefined;
  } catch {
    ca = undefined;
  }
  const server = secretPair(get('backend-tls'));
  const spiffe = secretPair(get('spiffe-backend-tls'));
  const expired = secretPair(get('expired-backend-tls'));
  const wrongHost = secretPair(get('wrong-host-backend-tls'));
  if (!ca || !server || !spiffe || !expired || !wrongHost) return undefined;
  return { ca, server, spiffe, expired, wrongHost };
}

/**
 * Starts the demo backends with the certificates stored in the demo Secrets and points their
 * EndpointSlices at the ports they got. Returns undefined when the cluster holds no demo.
 */
export async function startDemoBackendsFor(objects: ObjectService): Promise<DemoBackends | undefined> {
  const certificates = storedCertificates(objects);
  const slices = findByKind('discovery.k8s.io/v1', 'EndpointSlice');
  if (!certificates || !slices) return undefined;
  const backends = await startDemoBackends(certificates);
  for (const backend of BACKEND_NAMES) {
    const desired = endpointSlice(backend, backends.ports[backend]);
    let current: KubeObject | undefined;
    try {
      current = objects.get(slices, 'demo', desired.metadata.name);
    } catch {
      current = undefined;
    }
    if (current) {
      objects.update(
        slices,
        'demo',
        desired.metadata.name,
        { ...current, ports: desired['ports'], endpoints: desired['endpoints'] },
        SEED_WRITE,
      );
    } else write(objects, desired);
  }
  return backends;
}
