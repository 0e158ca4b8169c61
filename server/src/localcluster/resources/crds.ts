import { randomUUID } from 'node:crypto';
import { bundledCrdSet } from '@dialtone/shared';
import type { KubeObject } from '../types.js';

/**
 * The installed CRDs, served read-only so that clients can read the schema the server enforces.
 * Master's, a superset of the release's, so that the demo can store and show every field.
 */
export function installedCrds(createdAt: string): KubeObject[] {
  const bundledCrds = bundledCrdSet('master');
  return [bundledCrds.serversTransportTCP, bundledCrds.ingressRouteTCP].map((crd) => {
    const copy = structuredClone(crd) as unknown as KubeObject;
    const names = crd.spec.names;
    return {
      ...copy,
      metadata: { ...copy.metadata, uid: randomUUID(), creationTimestamp: createdAt, generation: 1 },
      status: {
        acceptedNames: {
          kind: names.kind,
          listKind: names.listKind,
          plural: names.plural,
          singular: names.singular,
        },
        conditions: [
          {
            type: 'NamesAccepted',
            status: 'True',
            reason: 'NoConflicts',
            lastTransitionTime: createdAt,
            message: 'no conflicts found',
          },
          {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            lastTransitionTime: createdAt,
            message: 'the initial names have been accepted',
          },
        ],
        storedVersions: crd.spec.versions.filter((v) => v.storage).map((v) => v.name),
      },
    };
  });
}
