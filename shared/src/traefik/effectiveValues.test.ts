import { describe, expect, it } from 'vitest';
import { effectiveValues, normalizeTraefikName, traefikTransportId } from './index.js';

describe('effectiveValues', () => {
  it("uses Traefik's defaults only for unset fields", () => {
    const values = effectiveValues({});
    expect([
      values.dialTimeout.display,
      values.dialKeepAlive.display,
      values.terminationDelay.display,
    ]).toEqual(['30s', '15s', '100ms']);
    expect(values.dialTimeout.origin).toBe('default');
  });

  it('keeps an explicit 0 and turns a parse error into 0', () => {
    const values = effectiveValues({ dialTimeout: 0, terminationDelay: '1s30' });
    expect(values.dialTimeout).toMatchObject({ display: '0s', origin: 'explicit' });
    expect(values.terminationDelay).toMatchObject({ display: '0s', origin: 'parse-error' });
    expect(values.dialKeepAlive.origin).toBe('default');
  });

  it('shows bare integers as seconds and reports the TLS mode', () => {
    expect(effectiveValues({ terminationDelay: 100 }).terminationDelay.display).toBe('1m40s');
    expect(effectiveValues({ tls: {} }).tlsMode).toBe('none');
    expect(effectiveValues({ tls: { serverName: 'db' } }).tlsMode).toBe('tls');
    expect(effectiveValues({ tls: { serverName: 'db', certificatesSecrets: ['c'] } }).tlsMode).toBe('mtls');
    expect(effectiveValues({ tls: { insecureSkipVerify: true } }).tlsMode).toBe('insecure');
    expect(effectiveValues({ tls: { spiffe: {} } }).tlsMode).toBe('spiffe');
    expect(effectiveValues({ proxyProtocol: {} }).proxyProtocolVersion).toBe(0);
  });
});

describe('Traefik IDs', () => {
  it('normalize runs of non-alphanumerics to one dash, as provider.Normalize', () => {
    expect(traefikTransportId('default', 'tcp.transport')).toBe('default-tcp-transport@kubernetescrd');
    expect(normalizeTraefikName('a..b--c.')).toBe('a-b-c');
    expect(traefikTransportId('a-b', 'c')).toBe(traefikTransportId('a', 'b-c'));
  });
});
