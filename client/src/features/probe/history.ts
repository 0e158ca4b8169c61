import type { ProbeTargetResult } from '@dialtone/shared';
import { PROBE_HISTORY_PREFIX } from '../../storage';

export interface ProbeRecord {
  at: string;
  draft: boolean;
  result: ProbeTargetResult;
}

const LIMIT = 10;

function key(cluster: string, namespace: string, name: string): string {
  return `${PROBE_HISTORY_PREFIX}${cluster}/${namespace}/${name}`;
}

/** Recent results stay in this browser only, so a rotated or failing backend shows as a change. */
export function readHistory(cluster: string, namespace: string, name: string): ProbeRecord[] {
  try {
    const raw = localStorage.getItem(key(cluster, namespace, name));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as ProbeRecord[]) : [];
  } catch {
    return [];
  }
}

export function addHistory(
  cluster: string,
  namespace: string,
  name: string,
  records: ProbeRecord[],
): ProbeRecord[] {
  const next = [...records, ...readHistory(cluster, namespace, name)].slice(0, LIMIT);
  try {
    localStorage.setItem(key(cluster, namespace, name), JSON.stringify(next));
  } catch {
    // A full storage only loses history, never the result on screen.
  }
  return next;
}

/** The latest saved-transport Test connection in this browser: passed when every target passed. */
export function lastProbeOf(
  cluster: string,
  namespace: string,
  name: string,
): { at: string; passed: boolean } | undefined {
  const saved = readHistory(cluster, namespace, name).filter((r) => !r.draft);
  const latest = saved[0];
  if (!latest) return undefined;
  const run = saved.filter((r) => r.at === latest.at);
  return { at: latest.at, passed: run.every((r) => r.result.verdict === 'pass') };
}
