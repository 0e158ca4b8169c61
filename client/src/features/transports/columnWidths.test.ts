import { describe, expect, it } from 'vitest';
import { effectiveValues, type TransportSummary } from '@dialtone/shared';
import { contentWidths, problemParts } from './columnWidths';

const row = (name: string, diagnostics: TransportSummary['diagnostics']): TransportSummary => ({
  namespace: 'demo',
  name,
  traefikId: `demo-${name}@kubernetescrd`,
  effective: effectiveValues({}),
  badges: [],
  routeCount: 1,
  diagnostics,
  resourceVersion: '1',
});

describe('the Problems column', () => {
  it('says every count, notes included', () => {
    expect(problemParts({ error: 1, warning: 2, info: 1 }).map((p) => p.text)).toEqual([
      '1 error',
      '2 warnings',
      '1 note',
    ]);
    expect(problemParts({ error: 0, warning: 0, info: 0 })).toEqual([]);
  });

  it('is as wide as its longest text, and the name column follows the names', () => {
    const narrow = contentWidths([row('a', { error: 0, warning: 0, info: 0 })]);
    const wide = contentWidths([row('a-rather-long-transport-name', { error: 1, warning: 3, info: 1 })]);
    expect(wide.problems).toBeGreaterThanOrEqual('1 error2 warnings1 note'.length);
    expect(wide.problems).toBeGreaterThan(narrow.problems);
    expect(wide.name).toBeGreaterThan('a-rather-long-transport-name'.length);
    expect(contentWidths([row('x'.repeat(253), { error: 0, warning: 0, info: 0 })]).name).toBe(48);
  });
});
