import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CIPHERS } from 'node:tls';
import type { ProbeTargetResult, ServersTransportTCPSpec } from '@dialtone/shared';
import { runProbe } from './engine.js';
import { loadTlsMaterial, type MaterialSource } from './material.js';
import { TargetPolicy } from './targetPolicy.js';
import {
  closedPort,
  memoryMaterial,
  probeOnce,
  tcpServer,
  TestCA,
  tlsServer,
  type Issued,
  type Listening,
  type ProbeOnceOptions,
} from './testing.js';

const DAY = 86_400_000;
const policy = new TargetPolicy({ allow: ['127.0.0.1'] });

let ca: TestCA;
let server: Issued;
let client: Issued;
const servers: Listening[] = [];
const ports: Record<string, number> = {};
const sniSeen: string[] = [];

async function start(name: string, listening: Promise<Listening>): Promise<void> {
  const l = await listening;
  servers.push(l);
  ports[name] = l.port;
}

let material: MaterialSource;

beforeAll(async () => {
  ca = TestCA.create('Probe test CA');
  const other = TestCA.create('Someone else');
  server = ca.issue({
    commonName: 'api.internal',
    dnsNames: ['api.internal'],
    uris: ['spiffe://example.org/ns/demo/sa/api'],
  });
  const foreign = other.issue({ commonName: 'api.internal', dnsNames: ['api.internal'] });
  const expired = ca.issue({
    commonName: 'old',
    dnsNames: ['api.internal'],
    notBefore: new Date(Date.now() - 10 * DAY),
    notAfter: new Date(Date.now() - DAY),
  });
  const future = ca.issue({
    commonName: 'new',
    dnsNames: ['api.internal'],
    notBefore: new Date(Date.now() + DAY),
    notAfter: new Date(Date.now() + 10 * DAY),
  });
  client = ca.issue({ commonName: 'traefik-client', client: true });
  const noisy = ca.issue({
    commonName: `<script>alert(1)</script>${'x'.repeat(3000)}`,
    dnsNames: ['api.internal', ...Array.from({ length: 149 }, (_, i) => `n${i}.example`)],
  });

  const key = (i: Issued) => ({ key: i.keyPem, cert: i.certPem });
  await start('ok', tlsServer(key(server)));
  await start('foreign', tlsServer(key(foreign)));
  await start('expired', tlsServer(key(expired)));
  await start('future', tlsServer(key(future)));
  await start(
    'mtls',
    tlsServer({ ...key(server), requestCert: true, rejectUnauthorized: true, ca: [ca.certPem] }),
  );
  // Asks for a client certificate from another CA: under TLS 1.3 it hangs up after our handshake is done.
  await start(
    'mtls-other-ca',
    tlsServer({
      ...key(server),
      requestCert: true,
      rejectUnauthorized: true,
      ca: [other.certPem],
      minVersion: 'TLSv1.3',
    }),
  );
  // Takes any certificate, completes the session, then its application refuses this one.
  await start(
    'mtls-app-refuses',
    tlsServer(
      { ...key(server), requestCert: true, rejectUnauthorized: false, ca: [other.certPem] },
      (socket) => {
        if (!socket.authorized) setTimeout(() => socket.destroy(), 20);
      },
    ),
  );
  await start('noisy', tlsServer(key(noisy)));
  await start('plain', tcpServer('banner'));
  await start('silent', tcpServer('silent'));
  await start('record', tcpServer('record'));
  await start('half', tcpServer('half-hello'));
  await start(
    'sni',
    tlsServer({ ...key(server), SNICallback: (name, done) => (sniSeen.push(name), done(null, undefined)) }),
  );
  await start(
    'chatty',
    tlsServer(key(server), (socket) => socket.write(Buffer.alloc(10 * 1024 * 1024, 0x41))),
  );
  ports['closed'] = await closedPort();
  try {
    await start(
      'tls10',
      tlsServer({
        ...key(server),
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1',
        ciphers: `${DEFAULT_CIPHERS}:@SECLEVEL=0`,
      }),
    );
  } catch (error) {
    console.log(`TLS 1.0 server not available here: ${(error as Error).message}`);
  }
  material = memoryMaterial({
    secrets: {
      'demo/ca': { data: { 'tls.ca': ca.certPem } },
      'demo/client': { data: { 'tls.crt': client.certPem, 'tls.key': client.keyPem } },
    },
  });
}, 30_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function probeWith(
  spec: ServersTransportTCPSpec | undefined,
  port: number,
  options: ProbeOnceOptions & { source?: MaterialSource } = {},
): Promise<ProbeTargetResult> {
  return probeOnce(spec, port, options.source ?? material, options);
}

const verified: ServersTransportTCPSpec = {
  tls: { serverName: 'api.internal', rootCAs: [{ secret: 'ca' }] },
};

function stageOf(result: ProbeTargetResult, name: string) {
  return result.stages.find((s) => s.name === name)!;
}

describe('probe outcomes against real TLS servers', () => {
  it('passes a verified handshake and reports chain, protocol, cipher and an openssl command', async () => {
    const result = await probeWith(verified, ports['ok']!);
    expect(result.verdict).toBe('pass');
    expect(result.title).toBe('TLS connection verified');
    expect(result.stages.map((s) => [s.name, s.status])).toEqual([
      ['build', 'pass'],
      ['resolve', 'skipped'],
      ['connect', 'pass'],
      ['proxy-protocol', 'skipped'],
      ['tls-handshake', 'pass'],
      ['chain', 'pass'],
      ['host-name', 'pass'],
      ['peer-identity', 'skipped'],
    ]);
    expect(stageOf(result, 'tls-handshake').message).toContain('SNI "api.internal"');
    expect(result.tls?.protocol).toBe('TLSv1.3');
    expect(result.certificates[0]).toMatchObject({ subject: 'CN=api.internal', keyType: 'RSA 2048' });
    expect(result.certificates[0]!.sans).toContain('DNS:api.internal');
    expect(result.certificates[0]!.daysToExpiry).toBeGreaterThan(20);
    expect(result.opensslCommand).toContain(`-connect 127.0.0.1:${ports['ok']} `);
    expect(result.opensslCommand).toContain('-servername api.internal');
    expect(stageOf(result, 'connect').durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends SNI only from serverName, and none for an IP serverName', async () => {
    await probeWith(verified, ports['sni']!);
    expect(sniSeen).toEqual(['api.internal']);
    await probeWith({ tls: { serverName: '127.0.0.1', rootCAs: [{ secret: 'ca' }] } }, ports['sni']!);
    await probeWith({ tls: { insecureSkipVerify: true } }, ports['sni']!);
    expect(sniSeen).toEqual(['api.internal']);
  });

  it('fails an unknown CA with the chain stage', async () => {
    const result = await probeWith(verified, ports['foreign']!);
    expect(result.outcome).toBe('cert_untrusted');
    expect(stageOf(result, 'chain').status).toBe('fail');
    expect(result.nextStep).toContain('tls.rootCAs');
  });

  it('checks the host name against serverName and names the right one', async () => {
    const result = await probeWith(
      { tls: { serverName: 'db.internal', rootCAs: [{ secret: 'ca' }] } },
      ports['ok']!,
    );
    expect(result.outcome).toBe('hostname_mismatch');
    expect(stageOf(result, 'host-name').message).toContain('valid for api.internal, not db.internal');
    expect(result.nextStep).toContain('The backend presented a certificate for `api.internal`.');
    expect(result.nextStep).toContain('set `tls.serverName: api.internal`.');
  });

  it('never checks the dialled address: an IP serverName must be in the IP SANs', async () => {
    const result = await probeWith(
      { tls: { serverName: '127.0.0.1', rootCAs: [{ secret: 'ca' }] } },
      ports['ok']!,
    );
    expect(result.outcome).toBe('hostname_mismatch');
    expect(stageOf(result, 'tls-handshake').message).toContain('SNI not sent');
  });

  it('fails an expired certificate', async () => {
    const result = await probeWith(verified, ports['expired']!);
    expect(result.outcome).toBe('cert_expired');
    expect(result.title).toContain('expired');
  });

  it('fails a certificate that is not valid yet', async () => {
    const result = await probeWith(verified, ports['future']!);
    expect(result.outcome).toBe('cert_not_yet_valid');
  });

  it('reports a backend that requires a client certificate when none is configured', async () => {
    const result = await probeWith(verified, ports['mtls']!);
    expect(result.verdict).toBe('fail');
    expect(result.outcome).toBe('client_certificate_rejected');
    expect(result.nextStep).toContain('certificatesSecrets');
  });

  it('passes mTLS with the right client certificate', async () => {
    const result = await probeWith(
      { tls: { ...verified.tls, certificatesSecrets: ['client'] } },
      ports['mtls']!,
    );
    expect(result.verdict).toBe('pass');
    expect(stageOf(result, 'tls-handshake').message).toContain('client certificate CN=traefik-client');
  });

  it("fails a client certificate the backend refuses after a TLS 1.3 handshake, as Traefik's traffic does", async () => {
    const withClient = { tls: { ...verified.tls, certificatesSecrets: ['client'] } };
    const result = await probeWith(withClient, ports['mtls-other-ca']!);
    expect(result.verdict).toBe('fail');
    expect(result.outcome).toBe('client_certificate_rejected');
    expect(result.tls).toMatchObject({ protocol: 'TLSv1.3' });
    const handshake = stageOf(result, 'tls-handshake');
    expect(handshake.status).toBe('fail');
    expect(handshake.message).toContain('CN=traefik-client');
    expect(handshake.message).toContain('ended the connection');
    expect(result.nextStep).toContain('tls.certificatesSecrets');
    // The backend's own certificate was fine, and is still shown.
    expect(result.certificates[0]?.subject).toBe('CN=api.internal');

    const refusedLater = await probeWith(withClient, ports['mtls-app-refuses']!);
    expect(refusedLater.outcome).toBe('client_certificate_rejected');
  });

  it('matches peerCertURI ignoring case, and verifies the chain even with insecureSkipVerify', async () => {
    const match = await probeWith(
      {
        tls: {
          insecureSkipVerify: true,
          rootCAs: [{ secret: 'ca' }],
          peerCertURI: 'SPIFFE://example.org/ns/demo/sa/api',
        },
      },
      ports['ok']!,
    );
    expect(match.verdict).toBe('pass');
    expect(stageOf(match, 'peer-identity').status).toBe('pass');
    expect(stageOf(match, 'chain').status).toBe('pass');
    expect(stageOf(match, 'host-name').status).toBe('skipped');

    const mismatch = await probeWith(
      { tls: { ...verified.tls, peerCertURI: 'spiffe://example.org/ns/demo/sa/other' } },
      ports['ok']!,
    );
    expect(mismatch.outcome).toBe('peer_identity_mismatch');
    expect(stageOf(mismatch, 'peer-identity').message).toContain('no matching SAN in peer certificate');

    const untrusted = await probeWith(
      { tls: { insecureSkipVerify: true, peerCertURI: 'spiffe://example.org/ns/demo/sa/api' } },
      ports['foreign']!,
    );
    expect(untrusted.verdict).toBe('fail');
    expect(stageOf(untrusted, 'chain').status).toBe('fail');
  });

  it('checks the SPIFFE ID and says the probe has no SVID', async () => {
    const configured = { spiffeConfigured: true };
    const match = await probeWith(
      { tls: { spiffe: { ids: ['spiffe://example.org/ns/demo/sa/api'] } } },
      ports['ok']!,
      configured,
    );
    expect(match.verdict).toBe('inconclusive');
    expect(stageOf(match, 'chain').status).toBe('skipped');
    expect(match.nextStep).toContain("Traefik's SPIFFE identity");
    const domain = await probeWith(
      { tls: { spiffe: { trustDomain: 'example.org' } } },
      ports['ok']!,
      configured,
    );
    expect(domain.verdict).toBe('inconclusive');

    const mismatch = await probeWith(
      { tls: { spiffe: { ids: ['spiffe://example.org/ns/demo/sa/db'] } } },
      ports['ok']!,
      configured,
    );
    expect(mismatch.outcome).toBe('peer_identity_mismatch');
    expect(mismatch.nextStep).toContain('spiffe://example.org/ns/demo/sa/api');
  });

  it('refuses a backend that speaks only TLS 1.0', async (context) => {
    if (ports['tls10'] === undefined) context.skip('this Node/OpenSSL cannot serve TLS 1.0');
    const result = await probeWith(verified, ports['tls10']!);
    expect(result.outcome).toBe('tls_version_unsupported');
  });

  it('explains a plain TCP server probed with TLS, without echoing its banner', async () => {
    const result = await probeWith(verified, ports['plain']!);
    expect(result.outcome).toBe('tls_handshake_failed');
    expect(result.nextStep).toContain('does not speak TLS');
    expect(JSON.stringify(result)).not.toContain('ESMTP');
    expect(JSON.stringify(result)).not.toContain('<script>');
  });

  it('reports a refused connection', async () => {
    const result = await probeWith(verified, ports['closed']!);
    expect(result.outcome).toBe('tcp_refused');
    expect(stageOf(result, 'connect').status).toBe('fail');
    expect(stageOf(result, 'tls-handshake').status).toBe('skipped');
  });

  it("ends a handshake the listener never answers at the probe's deadline and says Traefik would wait", async () => {
    const started = performance.now();
    const result = await probeWith(verified, ports['silent']!, { handshakeTimeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.outcome).toBe('tls_timeout');
    expect(stageOf(result, 'tls-handshake').message).toContain('Traefik sets no handshake deadline');
  });

  it("gives Traefik's own error when TLS has neither serverName nor insecureSkipVerify", async () => {
    const inert = await probeWith({ tls: {} }, ports['ok']!);
    expect(inert.outcome).toBe('tls_config_invalid');
    expect(stageOf(inert, 'tls-handshake').message).toContain(
      'either ServerName or InsecureSkipVerify must be specified',
    );
    const noName = await probeWith({ tls: { rootCAs: [{ secret: 'ca' }] } }, ports['ok']!);
    expect(noName.outcome).toBe('tls_config_invalid');
  });

  it('passes with insecureSkipVerify and says it is unverified', async () => {
    const result = await probeWith({ tls: { insecureSkipVerify: true } }, ports['foreign']!);
    expect(result.verdict).toBe('pass');
    expect(stageOf(result, 'chain').status).toBe('skipped');
    expect(result.nextStep).toContain('insecureSkipVerify');
  });

  it('talks plain TCP to a backend that is not TLS', async () => {
    const result = await probeWith(verified, ports['plain']!, { tls: false });
    expect(result.verdict).toBe('pass');
    expect(result.title).toBe('TCP connection established');
    expect(stageOf(result, 'tls-handshake').status).toBe('skipped');
  });

  it('reads nothing the backend sends after the handshake (E-25)', async () => {
    const result = await probeWith(verified, ports['chatty']!);
    expect(result.verdict).toBe('pass');
    expect(JSON.stringify(result)).not.toContain('AAAA');
  });

  it('ends at the deadline when the backend sends half a ServerHello (E-26)', async () => {
    const result = await probeWith(verified, ports['half']!, { handshakeTimeoutMs: 300 });
    expect(result.outcome).toBe('tls_timeout');
  });

  it('bounds and escapes what the certificate says (E-15)', async () => {
    const result = await probeWith(verified, ports['noisy']!);
    const leaf = result.certificates[0]!;
    expect(leaf.sans).toHaveLength(100);
    expect(leaf.sansOmitted).toBe(50);
    expect(leaf.subject.length).toBeLessThanOrEqual(257);
  });
});

describe('build-time checks and dial settings', () => {
  it('fails SPIFFE with other TLS fields before any dial, even for plain TCP', async () => {
    const record = await tcpServer('record');
    try {
      const result = await probeWith(
        { tls: { serverName: 'x', spiffe: { trustDomain: 'example.org' } } },
        record.port,
        { tls: false, spiffeConfigured: true },
      );
      expect(result.outcome).toBe('build_failed');
      expect(stageOf(result, 'build').message).toContain(
        'TLS and SPIFFE configuration cannot be defined at the same time',
      );
      expect(stageOf(result, 'connect').status).toBe('skipped');
      expect(record.connections).toBe(0);
    } finally {
      await record.close();
    }
  });

  it('fails an unknown PROXY protocol version and a missing transport', async () => {
    const proxy = await probeWith({ proxyProtocol: {} }, ports['ok']!, { tls: false });
    expect(stageOf(proxy, 'build').message).toContain('unknown proxyProtocol version: 0');
    const missing = await probeWith(undefined, ports['ok']!);
    expect(stageOf(missing, 'build').message).toContain(
      'no transport configuration found for "demo-backend@kubernetescrd"',
    );
  });

  it('fails at once with a negative dialTimeout, without connecting', async () => {
    const record = await tcpServer('record');
    try {
      const result = await probeWith({ dialTimeout: -1 }, record.port, { tls: false });
      expect(result.outcome).toBe('tcp_timeout');
      expect(stageOf(result, 'connect').message).toContain('i/o timeout');
      expect(record.connections).toBe(0);
    } finally {
      await record.close();
    }
  });

  it.each([1, 2] as const)(
    'sends a PROXY v%i header the server really receives, before TLS',
    async (version) => {
      const record = await tcpServer('record');
      try {
        const result = await probeWith({ proxyProtocol: { version } }, record.port, { tls: false });
        expect(result.verdict).toBe('pass');
        await new Promise((r) => setTimeout(r, 50));
        const bytes = record.received[0]!;
        if (version === 1) {
          expect(bytes.toString('ascii')).toMatch(/^PROXY TCP4 127\.0\.0\.1 127\.0\.0\.1 \d+ \d+\r\n$/);
          expect(bytes.toString('ascii')).toContain(` ${record.port}\r\n`);
        } else {
          expect(bytes.subarray(0, 12).toString('hex')).toBe('0d0a0d0a000d0a515549540a');
          expect(bytes[12]).toBe(0x21);
          expect(bytes[13]).toBe(0x11);
          expect(bytes.readUInt16BE(14)).toBe(12);
          expect(bytes.readUInt16BE(26)).toBe(record.port);
        }
        expect(result.notes.join(' ')).toContain('only for real client connections');
        expect(stageOf(result, 'proxy-protocol').message).toContain(
          ` 127.0.0.1:${record.port} as the destination`,
        );
      } finally {
        await record.close();
      }
    },
  );

  it('reports a name that does not resolve', async () => {
    const loaded = await loadTlsMaterial(undefined, 'demo', material);
    const response = await runProbe(
      { namespace: 'demo', spec: {} },
      loaded,
      [
        {
          kind: 'dial',
          target: { address: 'nothing-here.invalid:443' },
          host: 'nothing-here.invalid',
          port: 443,
          tls: false,
          derived: false,
        },
      ],
      { policy, deadlineMs: 3_000 },
    );
    expect(response.results[0]!.outcome).toBe('dns_failed');
    expect(response.results[0]!.stages.find((s) => s.name === 'resolve')!.status).toBe('fail');
  });
});
