import { describe, expect, it } from 'vitest';
import { forgetUserData } from './userData';

function memoryStorage(entries: Record<string, string>) {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    removeItem: (key: string) => void map.delete(key),
    keys: () => [...map.keys()],
  };
}

describe('sign-out on a shared browser', () => {
  it('leaves no drafts or probe history of the user who signed out, and keeps the theme', () => {
    const storage = memoryStorage({
      'dialtone.draft.prod/payments/db-tls': 'spec: {...}',
      'dialtone.draft.prod/payments/other': 'spec: {}',
      'dialtone.probes.prod/payments/db-tls': '[{"address":"10.0.3.7:5432"}]',
      'dialtone.theme': 'dark',
      'unrelated.app': 'x',
    });
    forgetUserData(storage);
    expect(storage.keys().sort()).toEqual(['dialtone.theme', 'unrelated.app']);
  });
});
