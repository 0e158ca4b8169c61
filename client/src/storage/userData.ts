/** localStorage keys of what this browser keeps for the user: unsaved drafts and probe results. */
export const DRAFT_PREFIX = 'dialtone.draft.';
export const PROBE_HISTORY_PREFIX = 'dialtone.probes.';

/**
 * Forgets the user's drafts and probe history at sign-out: they name objects, hold manifests and
 * show backend addresses, and the next person at this browser may be someone else. The theme stays.
 */
export function forgetUserData(storage: Pick<Storage, 'length' | 'key' | 'removeItem'> = localStorage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(DRAFT_PREFIX) || key?.startsWith(PROBE_HISTORY_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
