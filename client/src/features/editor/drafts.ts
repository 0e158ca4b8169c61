import { DRAFT_PREFIX } from '../../storage';

/** Unsaved work, per cluster, namespace and name, so closing the tab or navigating never loses it. */
export interface Draft {
  text: string;
  /** The resourceVersion the draft started from; a different one on the server means a rebase. */
  baseVersion: string | undefined;
  /** The object the draft started from, for the three-way view. */
  base: unknown;
  savedAt: string;
}

export function draftKey(cluster: string, namespace: string, name: string): string {
  return `${DRAFT_PREFIX}${cluster}/${namespace}/${name}`;
}

export function readDraft(key: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return typeof parsed.text === 'string' ? (parsed as Draft) : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, draft: Omit<Draft, 'savedAt'>): void {
  try {
    localStorage.setItem(key, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the edit is still on screen, only the safety net is gone.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(key);
}
