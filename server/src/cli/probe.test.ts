import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResponse } from '@dialtone/shared';
import { startLocalCluster, type LocalCluster } from '../localcluster/index.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';
import { parseProbeFlags, parseTarget, runProbeCommand } from './probe.js';

function capture(): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return {
    io: { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd() },
    out: () => out,
    err: () => err,
  };
}

describe('dialtone probe arguments', () => {
  it('parses transports, explicit and Service targets', () => {
    expect(
      parseProbeFlags([
        '--transport',
        'demo/tls-backend',
        '--target',
        '10.0.0.1:443',
        '--target',
        'svc/demo/db:postgres',
        '--tls',
      ]),
    ).toEqual({
      transport: { namespace: 'demo', name: 'tls-backend' },
      targets: [
        { address: '10.0.0.1:443', tls: true },
        { service: { namespace: 'demo', name: 'db', port: 'postgres' }, tls: true },
      ],
      format: 'text',
      traefikSpiffe: false,
    });
    expect(parseTarget('svc/demo/db:5432', false)).toEqual({
      service: { namespace: 'demo', name: 'db', port: 5432 },
      tls: false,
    });
  });

  it('defaults to the backends of the routes that use the transport', () => {
    expect(parseProbeFlags(['--transport', 'demo/x'])).toMatchObject({ targets: 'usage' });
  });

  it.each([
    [['--target', '1.2.3.4:80']],
    [['--transport', 'demo', '--target', '1.2.3.4:80']],
    [['--transport', 'demo/x', '--tls']],
    [['--transport', 'demo/x', '--target', 'svc/demo:80']],
    [['--transport', 'demo/x', '--target', '1.2.3.4:80', '--format', 'yaml']],
  ])('rejects %j', (args) => {
    expect(() => parseProbeFlags(args)).toThrow(UsageError);
  });
});

describe('dialtone probe against the demo cluster backends', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ port: 0, seed: 'demo', ephemeral: true });
  }, 30_000);
  afterAll(async () => {
    await cluster?.close();
  });

  async function run(
    transport: string,
    target: string,
    extra: string[] = [],
  ): Promise<{ code: number; response: ProbeResponse }> {
    const { io, out, err } = capture();
    const code = await runProbeCommand(
      [
        '--kubeconfig',
        cluster.kubeconfigPath,
        '--transport',
        transport,
        '--target',
        target,
        '--tls',
        '--format',
        'json',
        ...extra,
      ],
      io,
    );
    if (code === 2) throw new Error(err());
    return { code, response: JSON.parse(out()) as ProbeResponse };
  }

  it('passes the TLS backend through its Service with the CA from a ConfigMap', async () => {
    const { code, response } = await run('demo/tls-backend', 'svc/demo/tls-backend:443');
    expect(response.results[0]).toMatchObject({ verdict: 'pass', title: 'TLS connection verified' });
    expect(code).toBe(0);
  });

  it('fails the expired and wrong-host backends with the reason', async () => {
    const expired = await run('demo/tls-backend', 'svc/demo/expired-backend:443');
    expect(expired.code).toBe(1);
    expect(expired.response.results[0]!.outcome).toBe('cert_expired');
    const wrongHost = await run('demo/tls-backend', 'svc/demo/wrong-host-backend:443');
    expect(wrongHost.response.results[0]!.outcome).toBe('hostname_mismatch');
    expect(wrongHost.response.results[0]!.nextStep).toContain('tls.serverName: wrong.example.com');
  });

  it('presents the client certificate from a Secret to the mTLS backend, and reports the demo transports as Traefik would', async () => {
    const mtls = await run('demo/mtls-backend', 'svc/demo/mtls-backend:443');
    expect(mtls.response.results[0]).toMatchObject({ verdict: 'pass' });
    const withoutCert = await run('demo/tls-backend', 'svc/demo/mtls-backend:443');
    expect(withoutCert.response.results[0]!.outcome).toBe('client_certificate_rejected');
    // peerCertURI with insecureSkipVerify: the chain is still verified against the demo CA and the URI must match.
    const peer = await run('demo/peer-uri', 'svc/demo/spiffe-backend:443');
    expect(peer.response.results[0]).toMatchObject({ verdict: 'pass' });
    const wrongPeer = await run('demo/peer-uri', 'svc/demo/tls-backend:443');
    expect(wrongPeer.response.results[0]).toMatchObject({ verdict: 'fail' });
    const legacy = await run('demo/legacy-ca', 'svc/demo/tls-backend:443');
    expect(legacy.response.results[0]).toMatchObject({ verdict: 'pass' });
    // Traefik v3.7.9 refuses SPIFFE beside TLS fields whether or not it has its SPIFFE setup.
    const mixed = await run('demo/spiffe-and-tls', 'svc/demo/tls-backend:443');
    expect(mixed.response.results[0]).toMatchObject({ outcome: 'build_failed' });
    expect(mixed.response.results[0]!.stages[0]!.message).toContain(
      'TLS and SPIFFE configuration cannot be defined at the same time',
    );
    const mixedWithSpiffe = await run('demo/spiffe-and-tls', 'svc/demo/tls-backend:443', [
      '--traefik-spiffe',
    ]);
    expect(mixedWithSpiffe.response.results[0]!.stages[0]!.message).toContain(
      'TLS and SPIFFE configuration cannot be defined at the same time',
    );
    const closed = await run('demo/tls-backend', 'svc/demo/closed-backend:9000');
    expect(closed.response.results[0]).toMatchObject({ outcome: 'tcp_refused' });
  });

  it('without --target dials every backend of the routes using the transport, each with its route', async () => {
    const { io, out } = capture();
    const code = await runProbeCommand(
      ['--kubeconfig', cluster.kubeconfigPath, '--transport', 'demo/tls-backend', '--format', 'json'],
      io,
    );
    expect(code).toBe(1);
    const response = JSON.parse(out()) as ProbeResponse;
    // tls, expired and wrong-host use tls-backend; only tls passes.
    expect(response.results.map((r) => r.verdict).sort()).toEqual(['fail', 'fail', 'pass']);
    expect(response.results.map((r) => r.outcome)).toEqual(
      expect.arrayContaining(['cert_expired', 'hostname_mismatch']),
    );
    const unused = capture();
    expect(
      await runProbeCommand(
        ['--kubeconfig', cluster.kubeconfigPath, '--transport', 'edge/unused'],
        unused.io,
      ),
    ).toBe(2);
    expect(unused.err()).toContain('No IngressRouteTCP uses this transport');
  });

  it('prints text by default', async () => {
    const { io, out } = capture();
    const code = await runProbeCommand(
      [
        '--kubeconfig',
        cluster.kubeconfigPath,
        '--transport',
        'demo/missing-secret',
        '--target',
        'svc/demo/tls-backend:443',
        '--tls',
      ],
      io,
    );
    expect(code).toBe(1);
    expect(out()).toContain('svc/demo/tls-backend:443 → 127.0.0.1:');
    expect(out()).toContain('Traefik falls back to the system roots');
    expect(out()).toContain("note: Dialled from this machine (dialtone probe), not from Traefik's pods");
  });
});
