import { describe } from 'vitest';
import type { ClusterUnderTest } from './clusterUnderTest.js';
import { clusterSchemaScenarios } from './scenarios/clusterSchema.js';
import { identityScenarios } from './scenarios/identities.js';
import { probeTargetScenarios } from './scenarios/probeTargets.js';
import { readingScenarios } from './scenarios/reading.js';
import { writingScenarios } from './scenarios/writing.js';

export {
  adminFixtures,
  embeddedClusterUnderTest,
  type ClusterUnderTest,
  type FixtureObject,
  type Role,
} from './clusterUnderTest.js';

/**
 * The server's integration suite, written once and registered against each API server: the embedded
 * cluster in `npm test`, a real kube-apiserver in `npm run test:upstream`. `target` is called once the
 * test file's `beforeAll` has started the cluster. Each group works in its own namespace, so the groups
 * share one cluster without seeing each other's objects.
 */
export function defineServerSuite(label: string, target: () => ClusterUnderTest): void {
  describe(`Dialtone's server against ${label}`, () => {
    clusterSchemaScenarios(target);
    readingScenarios(target);
    writingScenarios(target);
    identityScenarios(target);
    probeTargetScenarios(target);
  });
}
