import { afterAll, beforeAll, describe } from 'vitest';
import { clientNodeCases } from './clientNode.cases.js';
import { discoveryCases } from './discovery.cases.js';
import { kubectlListCases } from './kubectlLists.cases.js';
import { kubectlServerSideCases } from './kubectlServerSide.cases.js';
import { kubectlWriteCases } from './kubectlWrites.cases.js';
import { caseRegistrar } from './registrar.js';
import { openSession, type ConformanceSession } from './session.js';
import type { ConformanceTarget } from './target.js';
import { wireCases } from './wire.cases.js';

/**
 * The 70 API conformance cases of kube-api-surface.md section 8, against whichever server `target`
 * names once the calling file has started it. The same cases run against kube-apiserver, the judge, and
 * the embedded cluster: where the two answer differently, the embedded cluster is wrong.
 */
export function defineConformanceSuite(target: () => ConformanceTarget): void {
  describe('Kubernetes API conformance', () => {
    let session: ConformanceSession | undefined;
    beforeAll(() => {
      session = openSession(target());
    });
    afterAll(() => session?.close());

    const register = caseRegistrar(() => {
      if (!session) throw new Error('the conformance session did not open; see the error of beforeAll');
      return session;
    });
    discoveryCases(register);
    kubectlWriteCases(register);
    kubectlServerSideCases(register);
    kubectlListCases(register);
    clientNodeCases(register);
    wireCases(register);
  });
}
