import type { KubeObject } from './types.js';
import type { Store } from './store/store.js';
import { installedCrds } from './resources/crds.js';
import { findResource, typeKey } from './resources/registry.js';
import type { ObjectService } from './rest/objects.js';
import type { WriteOptions } from './rest/types.js';

export const SYSTEM_WRITE: WriteOptions = {
  dryRun: false,
  fieldManager: 'dialtone-cluster',
  fieldManagerGiven: true,
  fieldValidation: 'Strict',
};

const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** What every cluster has from its first start: the standard namespaces and the Traefik CRDs. */
export function bootstrap(store: Store, objects: ObjectService): void {
  const namespaces = findResource('', 'v1', 'namespaces');
  if (namespaces) {
    for (const name of DEFAULT_NAMESPACES) {
      if (!store.get(typeKey(namespaces), undefined, name)) {
        objects.create(namespaces, undefined, { metadata: { name } }, SYSTEM_WRITE);
      }
    }
  }
  const crdType = findResource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  if (crdType) {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const crd of installedCrds(now)) {
      const existing = store.get(typeKey(crdType), undefined, crd.metadata.name ?? '');
      if (existing && sameSpec(existing, crd)) continue;
      store.put(typeKey(crdType), existing ? { ...crd, metadata: { ...existing.metadata } } : crd);
    }
  }
}

function sameSpec(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a['spec']) === JSON.stringify(b['spec']);
}
