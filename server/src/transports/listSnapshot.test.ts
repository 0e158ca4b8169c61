import { describe, expect, it } from 'vitest';
import type { DanglingReference, TransportSummary } from '@dialtone/shared';
import { summarize } from './summaries.js';
import { ListSnapshot, listBody, rowOf, sortSummaries } from './listSnapshot.js';

function summary(namespace: string, name: string, serverName = 'ünïcode "quoted" \u2028'): TransportSummary {
  return summarize(
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'ServersTransportTCP',
      metadata: { namespace, name, resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { dialTimeout: '5s', tls: { serverName, certificatesSecrets: ['c'] } },
    },
    [],
    2,
  );
}

const dangling: DanglingReference[] = [
  { route: { namespace: 'b', name: 'r' }, reference: 'gone', resolvesTo: 'b-gone@kubernetescrd' },
];

describe('the list served from serialized summaries', () => {
  it('sends the same bytes as serializing the response whole, in the order of namespace and name', () => {
    const summaries = [summary('b', 'x-2'), summary('a', 'z'), summary('b', 'x-10'), summary('b', 'x.1')];
    const snapshot = new ListSnapshot(sortSummaries(summaries.map(rowOf)));
    const expected = [...summaries].sort((p, q) =>
      p.namespace === q.namespace ? p.name.localeCompare(q.name) : p.namespace.localeCompare(q.namespace),
    );
    const whole = snapshot.allBody(dangling, '42');
    expect(whole.bytes.toString('utf8')).toBe(
      JSON.stringify({ items: expected, dangling, resourceVersion: '42' }),
    );
    const some = listBody(
      snapshot.someItems((r) => r.namespace === 'b'),
      [],
      '43',
    );
    expect(JSON.parse(some.bytes.toString('utf8'))).toEqual({
      items: expected.filter((s) => s.namespace === 'b'),
      dangling: [],
      resourceVersion: '43',
    });
  });

  it('tags different bodies differently and the same body alike, so a browser revalidates correctly', () => {
    const snapshot = new ListSnapshot([rowOf(summary('a', 'one'))]);
    const first = snapshot.allBody([], '1');
    expect(snapshot.allBody([], '1').etag).toBe(first.etag);
    expect(snapshot.allBody([], '2').etag).not.toBe(first.etag);
    expect(snapshot.allBody(dangling, '1').etag).not.toBe(first.etag);
    expect(first.etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
  });
});
