import { describe, expect, it } from 'vitest';
import { effectiveValues, type TransportSummary } from '@dialtone/shared';
import { DEFAULT_LIST } from '../shell';
import { applyEvents, formatAge, visibleRows } from './listModel';
import { windowRange } from './useWindow';

function row(namespace: string, name: string, extra: Partial<TransportSummary> = {}): TransportSummary {
  return {
    namespace,
    name,
    traefikId: `${namespace}-${name}@kubernetescrd`,
    effective: effectiveValues({}),
    badges: [],
    routeCount: 1,
    diagnostics: { error: 0, warning: 0, info: 0 },
    resourceVersion: '1',
    ...extra,
  };
}

const mtls = effectiveValues({ tls: { serverName: 'b', certificatesSecrets: ['client'] } });
const tls = effectiveValues({ tls: { serverName: 'c' } });
const rows = [
  row('demo', 'b', {
    badges: ['tls', 'mtls'],
    effective: mtls,
    diagnostics: { error: 1, warning: 0, info: 0 },
  }),
  row('edge', 'a', { routeCount: 0 }),
  row('demo', 'c', { badges: ['tls'], effective: tls, diagnostics: { error: 0, warning: 2, info: 0 } }),
];

describe('visibleRows', () => {
  it('sorts by name by default and reverses on desc', () => {
    expect(visibleRows(rows, [], DEFAULT_LIST).map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(visibleRows(rows, [], { ...DEFAULT_LIST, desc: true }).map((r) => r.name)).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('scopes to several namespaces, filters on badges and problems, and searches', () => {
    expect(visibleRows(rows, ['demo'], DEFAULT_LIST).map((r) => r.name)).toEqual(['b', 'c']);
    expect(
      visibleRows(rows, [], { ...DEFAULT_LIST, filters: ['mtls', 'errors'] }).map((r) => r.name),
    ).toEqual(['b']);
    expect(visibleRows(rows, [], { ...DEFAULT_LIST, q: 'EDGE' }).map((r) => r.name)).toEqual(['a']);
    expect(visibleRows(rows, [], { ...DEFAULT_LIST, mode: 'unused' }).map((r) => r.name)).toEqual(['a']);
  });

  it('filters with OR inside a group and AND across groups', () => {
    const names = (filters: string[]) =>
      visibleRows(rows, [], { ...DEFAULT_LIST, filters }).map((r) => r.name);
    expect(names(['errors', 'warnings'])).toEqual(['b', 'c']);
    expect(names(['tls', 'mtls'])).toEqual(['b', 'c']);
    expect(names(['plain'])).toEqual(['a']);
    expect(names(['tls', 'errors'])).toEqual([]);
    expect(names(['tls', 'mtls', 'warnings'])).toEqual(['c']);
    expect(names(['no-such-chip'])).toEqual(['a', 'b', 'c']);
  });

  it('sorts by problems, worst last', () => {
    expect(visibleRows(rows, [], { ...DEFAULT_LIST, sort: 'problems' }).map((r) => r.name)).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('sorts 10,000 rows quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row(`ns${String(i % 50)}`, `t-${String(i)}`));
    const started = performance.now();
    expect(visibleRows(many, [], { ...DEFAULT_LIST, q: 't-99' })).toHaveLength(111);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('applyEvents', () => {
  it('adds, replaces in place and removes', () => {
    const added = applyEvents(rows, [{ type: 'ADDED', summary: row('x', 'new') }]);
    expect(added.map((r) => r.name)).toEqual(['b', 'a', 'c', 'new']);
    const modified = applyEvents(added, [{ type: 'MODIFIED', summary: row('edge', 'a', { routeCount: 7 }) }]);
    expect(modified[1]?.routeCount).toBe(7);
    expect(applyEvents(modified, [{ type: 'DELETED', namespace: 'x', name: 'new' }])).toHaveLength(3);
  });

  it('keeps the last word on each row of a burst', () => {
    const burst = applyEvents(rows, [
      { type: 'ADDED', summary: row('x', 'new') },
      { type: 'DELETED', namespace: 'x', name: 'new' },
      { type: 'DELETED', namespace: 'demo', name: 'b' },
      { type: 'ADDED', summary: row('demo', 'b', { routeCount: 3 }) },
    ]);
    expect(burst.map((r) => `${r.name}:${String(r.routeCount)}`)).toEqual(['b:3', 'a:0', 'c:1']);
  });

  it('applies a relist of 10,000 events in one quick pass', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'ADDED' as const,
      summary: row('ns', `t-${String(i)}`),
    }));
    const started = performance.now();
    expect(applyEvents([], events)).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('formatAge and windowRange', () => {
  it('formats ages like kubectl', () => {
    const now = Date.parse('2026-01-10T00:00:00Z');
    expect(formatAge('2026-01-09T23:59:30Z', now)).toBe('30s');
    expect(formatAge('2026-01-09T20:00:00Z', now)).toBe('4h');
    expect(formatAge('2026-01-01T00:00:00Z', now)).toBe('9d');
    expect(formatAge(undefined, now)).toBe('—');
  });

  it('keeps only the rows in view plus an overscan', () => {
    expect(windowRange(0, 360, 36, 10_000)).toEqual({ start: 0, end: 20 });
    expect(windowRange(36_000, 360, 36, 10_000)).toEqual({ start: 990, end: 1020 });
    expect(windowRange(1e9, 360, 36, 5)).toEqual({ start: 0, end: 5 });
  });
});
