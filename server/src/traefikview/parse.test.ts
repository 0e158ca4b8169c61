import { describe, expect, it } from 'vitest';
import { cleanString, LIMITS, parseOverview, parseRouters, parseServices, parseVersion } from './parse.js';

describe("parsing Traefik's API as hostile input", () => {
  it('keeps the fields Dialtone shows from a router and a service as Traefik shapes them', () => {
    expect(
      parseRouters([
        {
          name: 'r@kubernetescrd',
          provider: 'kubernetescrd',
          status: 'enabled',
          entryPoints: ['tcp'],
          service: 's',
          rule: 'HostSNI(`*`)',
        },
      ]),
    ).toEqual([
      {
        name: 'r@kubernetescrd',
        provider: 'kubernetescrd',
        status: 'enabled',
        errors: [],
        entryPoints: ['tcp'],
        rule: 'HostSNI(`*`)',
        service: 's',
      },
    ]);
    expect(
      parseServices([
        {
          name: 's@kubernetescrd',
          status: 'disabled',
          error: ['unknown proxyProtocol version: 0'],
          loadBalancer: { serversTransport: 'demo-t' },
          serverStatus: { '127.0.0.1:1': 'UP' },
        },
      ]),
    ).toEqual([
      {
        name: 's@kubernetescrd',
        status: 'disabled',
        errors: ['unknown proxyProtocol version: 0'],
        serversTransport: 'demo-t',
        children: [],
        serverStatus: { '127.0.0.1:1': 'UP' },
      },
    ]);
  });

  it('cuts long strings, removes control and bidirectional characters, caps lists', () => {
    const long = cleanString('x'.repeat(10_000))!;
    expect(long.length).toBe(LIMITS.string + 1);
    expect(cleanString('evil\u202e\u0007name\n')).toBe('evil  name ');
    const [router] = parseRouters([
      { name: 'r', status: 'warning', error: Array.from({ length: 500 }, (_, i) => `e${i}`) },
    ]);
    expect(router?.errors).toHaveLength(LIMITS.errors);
  });

  it('treats an unknown status as not enabled, and drops entries of the wrong shape', () => {
    const routers = parseRouters([
      { name: 'r', status: 'great' },
      'junk',
      null,
      { status: 'enabled' },
      { name: 7 },
    ]);
    expect(routers).toEqual([{ name: 'r', status: 'disabled', errors: [], entryPoints: [] }]);
  });

  it('refuses a list that is not a list, and a version without Version', () => {
    expect(() => parseRouters({ routers: [] })).toThrow(/\/api\/tcp\/routers is not a JSON array/);
    expect(() => parseVersion({ version: '3' })).toThrow(/no Version/);
    expect(parseVersion({ Version: '3.7.9' })).toBe('3.7.9');
  });

  it('keeps no prototype keys from server addresses', () => {
    const [service] = parseServices([
      { name: 's', status: 'enabled', serverStatus: JSON.parse('{"__proto__":"UP","a":"DOWN"}') as unknown },
    ]);
    expect(Object.keys(service?.serverStatus ?? {})).toEqual(['a']);
  });

  it('reads the TCP counts of the overview, and nothing of a wrong shape', () => {
    expect(
      parseOverview({ tcp: { routers: { total: 3, warnings: 1, errors: -2 }, services: { total: 1 } } }),
    ).toEqual({
      routers: { total: 3, warnings: 1, errors: 0 },
      services: { total: 1, warnings: 0, errors: 0 },
    });
    expect(parseOverview([])).toBeUndefined();
  });
});
