import { describe, expect, it } from 'vitest';
import type { ProbeResponse } from '@dialtone/shared';
import type { TlsPlan } from './buildChecks.js';
import { parseSubjectAltName } from './certificates.js';
import { opensslCommand } from './openssl.js';
import { proxyHeader } from './proxyHeader.js';
import { boundResponse } from './responseBounds.js';
import { printable } from './targetAddress.js';

describe('untrusted text', () => {
  it('shows control, bidi and zero-width characters as escapes and bounds the length (E-15)', () => {
    expect(printable('a\u0000b\u202ec\u200bd\r\n')).toBe('a\\u0000b\\u202ec\\u200bd\\u000d\\u000a');
    expect(printable('x'.repeat(500), 256)).toHaveLength(257);
  });

  it("reads Node's subjectAltName text, quoted values included", () => {
    expect(parseSubjectAltName('DNS:a.example, IP Address:10.0.0.1, URI:"spiffe://x/a, b", DNS:b')).toEqual([
      { type: 'DNS', value: 'a.example' },
      { type: 'IP Address', value: '10.0.0.1' },
      { type: 'URI', value: 'spiffe://x/a, b' },
      { type: 'DNS', value: 'b' },
    ]);
  });

  it('keeps the response under its size bound by trimming SAN lists', () => {
    const cert = {
      subject: 'CN=x',
      issuer: 'CN=y',
      sans: Array.from({ length: 100 }, (_, i) => `DNS:${'n'.repeat(250)}${i}`),
      sansOmitted: 0,
      notBefore: '',
      notAfter: '',
      daysToExpiry: 1,
      keyType: 'RSA 2048',
      fingerprintSha256: '',
    };
    const response: ProbeResponse = {
      notes: [],
      results: Array.from({ length: 50 }, () => ({
        target: { address: '10.0.0.1:443' },
        address: '10.0.0.1:443',
        verdict: 'pass' as const,
        outcome: 'ok' as const,
        title: '',
        nextStep: '',
        stages: [],
        certificates: [structuredClone(cert), structuredClone(cert)],
        notes: [],
      })),
    };
    const bounded = boundResponse(response, 512 * 1024);
    expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThanOrEqual(512 * 1024);
    expect(bounded.results[0]!.certificates[0]!.sansOmitted).toBeGreaterThan(0);
  });
});

describe('the openssl command', () => {
  const plan = (serverName: string): TlsPlan => ({
    kind: 'tls',
    serverName,
    insecureSkipVerify: false,
    peerCertURI: '',
    prepared: {
      trust: 'pool',
      caCount: 1,
      roots: [],
      secureContext: {} as never,
      contextForClient: () => ({}) as never,
      dropped: [],
      clientCertificates: [],
    },
  });

  it("mirrors Go's offer, SNI, verification and trust", () => {
    expect(opensslCommand('10.0.0.1', 8443, plan('api.internal.'), false)).toBe(
      'openssl s_client -connect 10.0.0.1:8443 -no_ssl3 -no_tls1 -no_tls1_1' +
        ' -cipher ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA' +
        ' -ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256' +
        ' -groups X25519:P-256:P-384:P-521' +
        ' -servername api.internal -verify_hostname api.internal -verify_return_error -CAfile rootcas.pem -partial_chain -brief </dev/null',
    );
    expect(opensslCommand('10.0.0.1', 443, plan('1.2.3'), false)).toContain('-servername 1.2.3');
    expect(opensslCommand('fd00::1', 443, plan('10.0.0.1'), true)).toContain("-connect '[fd00::1]:443'");
    expect(opensslCommand('fd00::1', 443, plan('10.0.0.1'), true)).toContain(
      '-noservername -verify_ip 10.0.0.1',
    );
  });

  it('quotes a hostile serverName for the shell', () => {
    expect(opensslCommand('10.0.0.1', 443, plan("x'; rm -rf / #"), false)).toContain(
      "-servername 'x'\\''; rm -rf / #'",
    );
  });
});

describe('PROXY protocol headers', () => {
  it('writes IPv6 v1 and v2 headers', () => {
    const endpoints = {
      sourceAddress: 'fd00::1',
      sourcePort: 1234,
      destinationAddress: 'fd00::2',
      destinationPort: 443,
    };
    expect(proxyHeader(1, endpoints).toString()).toBe('PROXY TCP6 fd00::1 fd00::2 1234 443\r\n');
    const v2 = proxyHeader(2, endpoints);
    expect(v2[13]).toBe(0x21);
    expect(v2.readUInt16BE(14)).toBe(36);
    expect(v2.subarray(16, 18).toString('hex')).toBe('fd00');
  });
});
