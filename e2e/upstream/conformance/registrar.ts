import { it } from 'vitest';
import type { ConformanceSession } from './session.js';

/**
 * Registers one numbered case; the number is the one in kube-api-surface.md section 8, so a failure
 * names the documented expectation. Cases run in order and later ones build on objects made earlier.
 */
export type RegisterCase = (
  id: number,
  title: string,
  run: (session: ConformanceSession) => Promise<void>,
  timeoutMs?: number,
) => void;

export function caseRegistrar(session: () => ConformanceSession): RegisterCase {
  return (id, title, run, timeoutMs = 60_000) => {
    it(`case ${String(id)}: ${title}`, () => run(session()), timeoutMs);
  };
}
