import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TLSSocket, TlsOptions } from 'node:tls';
import type { ProbeTargetResult, ServersTransportTCPSpec } from '@dialtone/shared';
import {
  memoryMaterial,
  probeOnce,
  tcpServer,
  TestCA,
  tlsServer,
  type Issued,
  type Listening,
  type ProbeOnceOptions,
  type TcpServerMode,
} from './testing.js';

// Go's behaviour as Traefik dials, replayed against real servers made here: early closes, Go's
// ClientHello, trust anchors, host names, SNI, PEM, several client certificates and SPIFFE.

let root: TestCA;
let intermediate: TestCA;
let other: TestCA;
let leaf: Issued;
let viaIntermediate: Issued;
const servers: Listening[] = [];
const sni: Record<number, string[]> = {};

async function serve(listening: Promise<Listening>): Promise<number> {
  const l = await listening;
  servers.push(l);
  return l.port;
}

const key = (i: Issued) => ({ key: i.keyPem, cert: i.certPem });

/** A TLS server for `issued` that records the SNI it was sent. */
async function tlsWith(issued: Issued, extra: TlsOptions = {}, onSecure?: (s: TLSSocket) => void) {
  const names: string[] = [];
  const port = await serve(
    tlsServer(
      {
        ...key(issued),
        SNICallback: (name, done) => {
          names.push(name);
          done(null, undefined);
        },
        ...extra,
      },
      onSecure,
    ),
  );
  sni[port] = names;
  return port;
}

let material: ReturnType<typeof memoryMaterial>;

function secrets(entries: Record<string, Record<string, string>>) {
  return Object.fromEntries(Object.entries(entries).map(([k, data]) => [`demo/${k}`, { data }]));
}

beforeAll(() => {
  root = TestCA.create('Fidelity root');
  intermediate = root.intermediate('Fidelity intermediate');
  other = TestCA.create('Fidelity other');
  leaf = root.issue({
    commonName: 'api.internal',
    dnsNames: ['api.internal', '1.2.3'],
    uris: ['spiffe://example.org/ns/demo/sa/api'],
  });
  viaIntermediate = intermediate.issue({ commonName: 'chain.internal', dnsNames: ['chain.internal'] });
  const clientFromOther = other.issue({ commonName: 'wrong-client', client: true });
  const clientFromRoot = root.issue({ commonName: 'right-client', client: true });
  material = memoryMaterial({
    secrets: secrets({
      root: { 'tls.ca': root.certPem },
      intermediate: { 'tls.ca': intermediate.certPem },
      pinned: { 'tls.ca': leaf.certPem },
      messy: {
        'tls.ca': `bundle made by hand\n-----BEGIN CERTIFICATE-----   \n${root.certPem.split('\n').slice(1).join('\n')}trailing words\n`,
      },
      wrongClient: { 'tls.crt': clientFromOther.certPem, 'tls.key': clientFromOther.keyPem },
      rightClient: { 'tls.crt': clientFromRoot.certPem, 'tls.key': clientFromRoot.keyPem },
    }),
  });
}, 30_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const probe = (spec: ServersTransportTCPSpec | undefined, port: number, options?: ProbeOnceOptions) =>
  probeOnce(spec, port, material, options);

const verified = (serverName = 'api.internal', ca = 'root'): ServersTransportTCPSpec => ({
  tls: { serverName, rootCAs: [{ secret: ca }] },
});

function stageOf(result: ProbeTargetResult, name: string) {
  return result.stages.find((s) => s.name === name)!;
}

describe('no result path throws: early closes, resets and garbage', () => {
  it.each([
    ['TLSv1.3', 'end'],
    ['TLSv1.3', 'destroy'],
    ['TLSv1.2', 'end'],
  ] as const)(
    'a %s backend that ends the connection (%s) right after the handshake passes: Traefik connected',
    async (version, how) => {
      const port = await tlsWith(leaf, { maxVersion: version }, (socket) =>
        how === 'end' ? socket.end() : socket.destroy(),
      );
      const result = await probe(verified(), port);
      expect(result.verdict).toBe('pass');
      expect(stageOf(result, 'tls-handshake').status).toBe('pass');
      expect(result.tls).toMatchObject({ protocol: version });
      expect(result.certificates[0]?.subject).toBe('CN=api.internal');
      // TLS 1.3 waits for the backend's verdict on the client certificate, so it sees the close.
      if (version === 'TLSv1.3')
        expect(result.notes.join(' ')).toContain('closed the connection right after the TLS handshake');
    },
  );

  // A close while the ClientHello is in flight reaches us as EOF or as a reset, as it would reach Go.
  const closed = /EOF \(the backend closed|connection reset by peer/;
  it.each<[TcpServerMode, RegExp]>([
    ['close', closed],
    ['reset', /connection reset by peer/],
    ['close-after-hello', closed],
    ['reset-after-hello', /connection reset by peer/],
    ['half-hello-close', closed],
    ['garbage', /does not look like a TLS handshake/],
  ])('a backend that does "%s" fails with a specific message', async (mode, words) => {
    const port = await serve(tcpServer(mode));
    const result = await probe(verified(), port, { handshakeTimeoutMs: 1_000 });
    expect(result.verdict).toBe('fail');
    // A reset can beat Node's connect event; Traefik would then fail the handshake the same way.
    expect(result.outcome).toMatch(
      mode === 'reset' ? /^(tls_handshake|tcp)_failed$/ : /^tls_handshake_failed$/,
    );
    const failed = result.stages.find((s) => s.status === 'fail')!;
    expect(failed.message).toMatch(words);
    expect(result.nextStep).not.toBe('');
  });
});

describe("trust anchors as Go's RootCAs", () => {
  it('verifies a chain when the bundle holds only the issuing intermediate', async () => {
    const port = await tlsWith(viaIntermediate);
    const result = await probe(verified('chain.internal', 'intermediate'), port);
    expect(stageOf(result, 'chain').status).toBe('pass');
    expect(result.verdict).toBe('pass');
  });

  it('verifies a pinned leaf that is its own only CA', async () => {
    const port = await tlsWith(leaf);
    const result = await probe(verified('api.internal', 'pinned'), port);
    expect(stageOf(result, 'chain').status).toBe('pass');
    expect(result.verdict).toBe('pass');
  });
});

describe("Go's ClientHello", () => {
  const tls12 = (ciphers: string): TlsOptions => ({ maxVersion: 'TLSv1.2', ciphers });

  it.each([
    ['DHE only', { ...tls12('DHE-RSA-AES128-GCM-SHA256'), dhparam: 'auto' as const }],
    ['RSA key exchange only', tls12('AES128-GCM-SHA256')],
    ['CBC-SHA256 only', tls12('ECDHE-RSA-AES128-SHA256')],
    ['X448 only', { ecdhCurve: 'X448' }],
    ['ffdhe only', { ecdhCurve: 'ffdhe2048' }],
  ])('fails a backend that supports nothing Go offers: %s', async (_, options) => {
    const port = await tlsWith(leaf, options);
    const result = await probe(verified(), port);
    expect(result.verdict).toBe('fail');
    expect(result.outcome).toBe('tls_handshake_failed');
    expect(stageOf(result, 'tls-handshake').message).toContain('nothing in common with what Go offers');
    expect(result.nextStep).toContain('ECDHE');
  });

  it.each([
    ['ECDHE with AES-CBC-SHA', tls12('ECDHE-RSA-AES128-SHA'), 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
    [
      'ECDHE with ChaCha20',
      tls12('ECDHE-RSA-CHACHA20-POLY1305'),
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
    ],
    ['P-521 only', { ecdhCurve: 'P-521' }, 'TLS_AES_256_GCM_SHA384'],
  ])('passes a backend limited to what Go offers: %s', async (_, options, cipher) => {
    const port = await tlsWith(leaf, options);
    const result = await probe(verified(), port);
    expect(result.verdict).toBe('pass');
    expect(result.tls?.cipher).toBe(cipher);
  });
});

describe("host names as Go's VerifyHostname", () => {
  let wildcard: number;
  let ipOnly: number;
  let cnOnly: number;
  beforeAll(async () => {
    wildcard = await tlsWith(root.issue({ commonName: 'w', dnsNames: ['*.internal', '127.0.0.1'] }));
    ipOnly = await tlsWith(root.issue({ commonName: 'ip', ipAddresses: ['127.0.0.1'] }));
    cnOnly = await tlsWith(root.issue({ commonName: 'api.internal' }));
  });

  it('matches a wildcard over exactly one label, ignoring case and one trailing dot', async () => {
    expect((await probe(verified('db.internal'), wildcard)).verdict).toBe('pass');
    expect((await probe(verified('DB.Internal.'), wildcard)).verdict).toBe('pass');
    expect((await probe(verified('a.db.internal'), wildcard)).outcome).toBe('hostname_mismatch');
  });

  it('checks IP literals only against IP SANs and ignores the common name', async () => {
    expect((await probe(verified('127.0.0.1'), ipOnly)).verdict).toBe('pass');
    expect((await probe(verified('[127.0.0.1]'), ipOnly)).verdict).toBe('pass');
    expect((await probe(verified('127.0.0.1'), wildcard)).outcome).toBe('hostname_mismatch');
    expect((await probe(verified('api.internal'), cnOnly)).outcome).toBe('hostname_mismatch');
  });

  it('treats a numeric-looking serverName that is not an IP as a host name, and sends it as SNI', async () => {
    const port = await tlsWith(leaf);
    const result = await probe(verified('1.2.3'), port);
    expect(result.verdict).toBe('pass');
    expect(sni[port]).toEqual(['1.2.3']);
  });

  it('strips the trailing dot from the SNI', async () => {
    const port = await tlsWith(leaf);
    const result = await probe(verified('api.internal.'), port);
    expect(result.verdict).toBe('pass');
    expect(sni[port]).toEqual(['api.internal']);
  });

  it('says a host-name mismatch may mean the wrong backend', async () => {
    const port = await tlsWith(leaf);
    const result = await probe(verified('db.internal'), port);
    expect(result.outcome).toBe('hostname_mismatch');
    expect(result.nextStep).toContain('wrong backend');
  });
});

describe('TLS material as Traefik reads it', () => {
  it("reads PEM as Go's pem.Decode: trailing spaces on the BEGIN line, text around blocks skipped", async () => {
    const port = await tlsWith(leaf);
    const result = await probe(verified('api.internal', 'messy'), port);
    expect(stageOf(result, 'chain').status).toBe('pass');
  });

  // Go sends the first client certificate whose issuer the backend names as acceptable; Node cannot
  // read that list, so the probe offers them in order and keeps the first the backend accepts.
  it.each(['TLSv1.3', 'TLSv1.2'] as const)(
    'passes when a later client certificate is the one the backend accepts (%s), and says which',
    async (version) => {
      const port = await tlsWith(leaf, {
        requestCert: true,
        rejectUnauthorized: true,
        ca: [root.certPem],
        maxVersion: version,
      });
      const result = await probe(
        { tls: { ...verified().tls, certificatesSecrets: ['wrongClient', 'rightClient'] } },
        port,
      );
      expect(result.verdict).toBe('pass');
      expect(stageOf(result, 'tls-handshake').message).toContain('client certificate CN=right-client');
      const said = result.notes.join(' ');
      expect(said).toContain('CN=wrong-client');
      expect(said).toContain('acceptable CAs');
    },
  );

  it('fails when the backend accepts none of the client certificates', async () => {
    const port = await tlsWith(leaf, {
      requestCert: true,
      rejectUnauthorized: true,
      ca: [intermediate.certPem],
    });
    const result = await probe(
      { tls: { ...verified().tls, certificatesSecrets: ['wrongClient', 'rightClient'] } },
      port,
    );
    expect(result.outcome).toBe('client_certificate_rejected');
    expect(result.notes.join(' ')).toContain(
      'refused each the probe offered: CN=wrong-client, CN=right-client',
    );
  });
});

describe('SPIFFE', () => {
  const ids = { tls: { spiffe: { ids: ['spiffe://example.org/ns/demo/sa/api'] } } };

  // Traefik v3.7.9's nil check compares an interface holding a nil *X509Source with nil, so it never fires.
  it("without Traefik's SPIFFE setup, says Traefik accepts the transport and every TLS connection fails", async () => {
    const port = await tlsWith(leaf);
    const result = await probe(ids, port);
    expect(result.verdict).toBe('fail');
    expect(result.outcome).toBe('tls_handshake_failed');
    expect(result.title).toContain('SPIFFE');
    expect(stageOf(result, 'build').status).toBe('pass');
    expect(stageOf(result, 'connect').status).toBe('pass');
    const handshake = stageOf(result, 'tls-handshake');
    expect(handshake.status).toBe('fail');
    expect(handshake.message).toContain('reports no error');
    expect(handshake.message).not.toContain('but not configured');
    expect(result.nextStep).toContain('spiffe.workloadAPIAddr');
    expect(result.nextStep).toContain('--traefik-spiffe');

    // A plain-TCP backend never uses the TLS configuration, so Traefik reaches it.
    const record = await serve(tcpServer('record'));
    expect((await probe(ids, record, { tls: false })).verdict).toBe('pass');
  });

  it("checks the SPIFFE IDs and the mix with TLS fields without Traefik's SPIFFE setup too, as Traefik does", async () => {
    const port = await tlsWith(leaf);
    const badId = await probe({ tls: { spiffe: { ids: ['spiffe://Example.org/x'] } } }, port);
    expect(badId.outcome).toBe('build_failed');
    expect(stageOf(badId, 'build').message).toContain('unable to build SPIFFE authorizer');
    const mixed = await probe({ tls: { serverName: 'api.internal', spiffe: ids.tls.spiffe } }, port);
    expect(mixed.outcome).toBe('build_failed');
    expect(stageOf(mixed, 'build').message).toContain(
      'TLS and SPIFFE configuration cannot be defined at the same time',
    );
  });

  it('is inconclusive when SPIFFE is configured, after checking the SVID against the IDs', async () => {
    const port = await tlsWith(leaf);
    const match = await probe(ids, port, { spiffeConfigured: true });
    expect(match.verdict).toBe('inconclusive');
    expect(stageOf(match, 'peer-identity').status).toBe('pass');
    expect(match.title).toContain('cannot');
    const other = await probe({ tls: { spiffe: { ids: ['spiffe://example.org/ns/demo/sa/db'] } } }, port, {
      spiffeConfigured: true,
    });
    expect(other.verdict).toBe('fail');
    expect(other.outcome).toBe('peer_identity_mismatch');
  });

  it('reads a trust domain given as a whole ID as go-spiffe does', async () => {
    const port = await tlsWith(leaf);
    const good = await probe({ tls: { spiffe: { trustDomain: 'spiffe://example.org/some/path' } } }, port, {
      spiffeConfigured: true,
    });
    expect(good.verdict).toBe('inconclusive');
    const bad = await probe({ tls: { spiffe: { trustDomain: 'spiffe://example.org/bad path' } } }, port, {
      spiffeConfigured: true,
    });
    expect(bad.outcome).toBe('build_failed');
  });
});

describe('where the test ran', () => {
  it('says every result was dialled from the Dialtone server', async () => {
    const port = await tlsWith(leaf);
    const result = await probe(verified(), port);
    expect(result.notes.join(' ')).toContain("Dialled from the Dialtone server, not from Traefik's pods");
  });

  it('says which addresses the PROXY header named and which Traefik would', async () => {
    const record = await serve(tcpServer('record'));
    const result = await probe({ proxyProtocol: { version: 2 } }, record, { tls: false });
    const header = stageOf(result, 'proxy-protocol').message + result.notes.join(' ');
    expect(header).toMatch(/127\.0\.0\.1:\d+ as the client and 127\.0\.0\.1:\d+ as the destination/);
    expect(header).toContain("the client's own connection");
  });
});
