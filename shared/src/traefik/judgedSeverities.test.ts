import { describe, expect, it } from 'vitest';
import { validate } from '../validation/index.js';

/**
 * The severities the Traefik judge (e2e/upstream) settles against Traefik v3.7.9: an error exactly where
 * Traefik leaves the route unserved or every connection fails, a warning where it serves but degrades.
 */
const transport = (spec: Record<string, unknown>) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'ServersTransportTCP',
  metadata: { name: 't', namespace: 'shop' },
  spec,
});

const severityOf = (spec: Record<string, unknown>, code: string) =>
  validate(transport(spec)).find((d) => d.code === code)?.severity;

describe('severities as Traefik v3.7.9 behaves', () => {
  it('warns about a duration Go cannot parse: Traefik serves the routes, with 0 in that field', () => {
    expect(severityOf({ dialTimeout: '1s30' }, 'traefik.duration-unreadable')).toBe('warning');
  });

  it("warns that SPIFFE needs Traefik's setup, which v3.7.9 does not check before every handshake fails", () => {
    expect(
      severityOf({ tls: { spiffe: { trustDomain: 'example.org' } } }, 'traefik.spiffe-needs-static-config'),
    ).toBe('warning');
  });

  it('keeps errors where Traefik refuses the service or fails every dial', () => {
    expect(severityOf({ proxyProtocol: {} }, 'traefik.proxy-protocol-version-missing')).toBe('error');
    expect(severityOf({ dialTimeout: -5 }, 'traefik.negative-dial-timeout')).toBe('error');
  });
});
