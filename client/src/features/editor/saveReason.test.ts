import { describe, expect, it } from 'vitest';
import { readModel } from './editModel';
import { saveReason } from './saveReason';

const good = readModel(
  'apiVersion: traefik.io/v1alpha1\nkind: ServersTransportTCP\nmetadata:\n  name: t\n  namespace: demo\nspec: {}\n',
  undefined,
);

describe('saveReason', () => {
  it('puts permission first, then readability, then admission, then "nothing changed"', () => {
    expect(saveReason({ ok: false, reason: 'You may not.' }, good, true, false)).toBe('You may not.');
    expect(saveReason({ ok: true }, readModel('spec: [', undefined), true, false)).toBe(
      'The YAML cannot be read.',
    );
    const bad = readModel(good.text.replace('spec: {}', 'spec:\n  dialTimeout: 5x'), undefined);
    expect(saveReason({ ok: true }, bad, true, false)).toBe(
      'Fix the 1 error the API server would refuse first.',
    );
    expect(saveReason({ ok: true }, good, false, false)).toBe('Nothing changed yet.');
    expect(saveReason({ ok: true }, good, false, true)).toBeUndefined();
    expect(saveReason({ ok: true }, good, true, false)).toBeUndefined();
  });
});
