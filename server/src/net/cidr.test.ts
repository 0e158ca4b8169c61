import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidrRange } from './index.js';

describe('CIDR ranges', () => {
  it('match IPv4, IPv6 and IPv4-mapped IPv6 addresses', () => {
    const loopback = parseCidrRange('127.0.0.0/8')!;
    expect(cidrContains(loopback, '127.0.0.1')).toBe(true);
    expect(cidrContains(loopback, '::ffff:127.0.0.1')).toBe(true);
    expect(cidrContains(loopback, '128.0.0.1')).toBe(false);
    const ula = parseCidrRange('fd00::/8')!;
    expect(cidrContains(ula, 'fd12:3456::1')).toBe(true);
    expect(cidrContains(ula, 'fe80::1')).toBe(false);
    expect(cidrContains(parseCidrRange('10.1.2.3')!, '10.1.2.3')).toBe(true);
    expect(cidrContains(parseCidrRange('10.1.2.3')!, '10.1.2.4')).toBe(false);
    expect(cidrContains(parseCidrRange('0.0.0.0/0')!, '8.8.8.8')).toBe(true);
  });

  it('reject what is not a range', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'example.com/8', '10.0.0.0/8/8', '10.0.0.0/x', '']) {
      expect(parseCidrRange(bad), bad).toBeUndefined();
    }
  });
});
