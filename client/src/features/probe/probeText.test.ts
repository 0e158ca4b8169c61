import { describe, expect, it } from 'vitest';
import type { ProbeTargetResult } from '@dialtone/shared';
import { opensslCommand, targetLabel, totalMs, VERDICT_LOOK } from './probeText';

const result: ProbeTargetResult = {
  target: {
    service: { namespace: 'demo', name: 'tls-backend', port: 443 },
    tls: true,
    route: { namespace: 'demo', name: 'tls' },
  },
  address: '10.0.0.1:443',
  verdict: 'pass',
  outcome: 'ok',
  title: 'Connected',
  nextStep: 'Nothing to do.',
  stages: [
    { name: 'connect', status: 'pass', durationMs: 3.2, message: 'connected' },
    { name: 'tls-handshake', status: 'pass', durationMs: 9.9, message: 'handshake' },
  ],
  certificates: [],
  notes: [],
};

describe('probe texts', () => {
  it('shows an inconclusive result as a warning, neither passed nor failed', () => {
    expect(VERDICT_LOOK.inconclusive).toEqual({
      alert: 'alert-warning',
      role: 'status',
      history: '? inconclusive',
    });
    expect(VERDICT_LOOK.fail.history).toBe('✗ failed');
  });

  it('labels targets by route and sums stage times', () => {
    expect(targetLabel(result)).toBe('demo/tls-backend:443 (route demo/tls)');
    expect(targetLabel({ ...result, target: { address: 'x:1' } })).toBe('x:1');
    expect(totalMs(result)).toBe(13.1);
  });

  it('writes the equivalent openssl command with quoting', () => {
    expect(
      opensslCommand('h:443', true, {
        tls: { serverName: "it's", certificatesSecrets: ['c'], rootCAs: [{ secret: 'ca' }] },
      }),
    ).toBe(
      `openssl s_client -connect h:443 -servername 'it'\\''s' -CAfile ca.crt -cert tls.crt -key tls.key -verify_return_error </dev/null`,
    );
    expect(opensslCommand('h:9000', false, {})).toBe('nc -vz h 9000');
  });
});
