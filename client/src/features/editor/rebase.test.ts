import { describe, expect, it } from 'vitest';
import { changes, pathText, rebase } from './rebase';

const base = {
  metadata: { name: 't', resourceVersion: '1', labels: { a: '1' } },
  spec: { dialTimeout: '30s', tls: { serverName: 'a', certificatesSecrets: ['x'] } },
};

describe('rebase', () => {
  it('replays non-overlapping edits', () => {
    const mine = { ...base, spec: { ...base.spec, dialTimeout: '5s' } };
    const theirs = {
      ...base,
      metadata: { ...base.metadata, resourceVersion: '2' },
      spec: { ...base.spec, tls: { ...base.spec.tls, serverName: 'b' } },
    };
    const result = rebase(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.theirs).toEqual([{ path: ['spec', 'tls', 'serverName'], value: 'b' }]);
    expect(result.mine).toEqual([{ path: ['spec', 'dialTimeout'], value: '5s' }]);
  });

  it('reports fields changed on both sides', () => {
    const mine = { ...base, spec: { ...base.spec, dialTimeout: '5s' } };
    const theirs = { ...base, spec: { ...base.spec, dialTimeout: '10s' } };
    expect(rebase(base, mine, theirs).conflicts).toEqual([['spec', 'dialTimeout']]);
  });

  it('treats a removed parent as overlapping its children', () => {
    const mine = { ...base, spec: { ...base.spec, tls: { ...base.spec.tls, serverName: 'c' } } };
    const theirs = { ...base, spec: { dialTimeout: '30s' } };
    expect(rebase(base, mine, theirs).conflicts).toEqual([['spec', 'tls', 'serverName']]);
  });

  it('accepts the same edit on both sides and compares lists whole', () => {
    const same = { ...base, spec: { ...base.spec, dialTimeout: '5s' } };
    expect(rebase(base, same, same).conflicts).toEqual([]);
    const list = {
      ...base,
      spec: { ...base.spec, tls: { ...base.spec.tls, certificatesSecrets: ['x', 'y'] } },
    };
    expect(changes(base, list)).toEqual([
      { path: ['spec', 'tls', 'certificatesSecrets'], value: ['x', 'y'] },
    ]);
  });

  it('ignores server-owned metadata', () => {
    expect(changes(base, { ...base, metadata: { ...base.metadata, resourceVersion: '9' } })).toEqual([]);
  });

  it('prints paths', () => {
    expect(pathText(['spec', 'tls', 'rootCAs', 0, 'secret'])).toBe('spec.tls.rootCAs[0].secret');
  });
});
