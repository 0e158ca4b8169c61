import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial, type Resolver } from './dialer.js';
import { runProbe, type PlannedTarget } from './engine.js';
import { canonicalIp, embeddedIPv4, parseLooseIPv4 } from './ipAddress.js';
import { ProbeLimiter } from './limits.js';
import { loadTlsMaterial } from './material.js';
import { InvalidTargetError, parseAddress } from './targetAddress.js';
import { TargetPolicy } from './targetPolicy.js';
import { memoryMaterial, tcpServer, type Listening } from './testing.js';

const free = { derived: false };

describe('address spellings are normalised before the check (E-17)', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseLooseIPv4(text)).toBe(expected);
    expect(parseAddress(`${text}:80`).host).toBe(expected);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['64:ff9b::7f00:1', '127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['::127.0.0.1', '127.0.0.1'],
  ])('finds the IPv4 address inside %s', (text, inner) => {
    expect(embeddedIPv4(canonicalIp(text)!)).toBe(inner);
  });

  it('rejects spellings that are not addresses', () => {
    expect(parseLooseIPv4('256.1.1.1')).toBeUndefined();
    expect(parseLooseIPv4('08.1.1.1')).toBeUndefined();
    expect(parseLooseIPv4('1.2.3.4.5')).toBeUndefined();
  });
});

describe('the target policy', () => {
  const policy = new TargetPolicy({ allow: ['10.0.0.0/8', 'fd00::/8'] });

  it.each([
    '127.0.0.1',
    '0.0.0.0',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '64:ff9b::7f00:1',
    '169.254.169.254',
    'fd00:ec2::254',
    '100.100.100.200',
    '169.254.170.2',
    '169.254.10.10',
    'fe80::1',
    '224.0.0.1',
    '255.255.255.255',
  ])('denies %s even when a range covers it (E-16, E-17)', (address) => {
    expect(policy.check(address, 443, free).allowed).toBe(false);
    expect(policy.check(address, 443, { derived: true }).allowed).toBe(false);
  });

  it('allows addresses in --probe-allow ranges and addresses read from the cluster', () => {
    expect(policy.check('10.1.2.3', 8443, free)).toMatchObject({ allowed: true });
    expect(policy.check('fd00::1234', 8443, free)).toMatchObject({ allowed: true });
    expect(policy.check('192.168.1.1', 8443, free)).toMatchObject({ allowed: false });
    expect(policy.check('192.168.1.1', 8443, { derived: true })).toMatchObject({ allowed: true });
  });

  it('keeps the metadata address blocked when an admin allows its whole range (E-20)', () => {
    const wide = new TargetPolicy({ allow: ['169.254.0.0/16', '127.0.0.1'] });
    expect(wide.check('169.254.169.254', 80, free).allowed).toBe(false);
    expect(wide.check('169.254.1.1', 80, free).allowed).toBe(false);
    // Allowing one loopback address lifts the deny for that address only.
    expect(wide.check('127.0.0.1', 80, free).allowed).toBe(true);
    expect(wide.check('127.0.0.2', 80, free).allowed).toBe(false);
    expect(wide.check('::ffff:127.0.0.1', 80, free).allowed).toBe(true);
    const exact = new TargetPolicy({ allow: ['169.254.169.254/32'] });
    expect(exact.check('169.254.169.254', 80, free).allowed).toBe(true);
  });

  it('denies control-plane and sidecar ports unless opted in (E-21)', () => {
    for (const port of [
      10250, 10255, 2379, 2380, 6443, 15000, 15020, 10249, 10256, 10257, 10259, 2381, 9100,
    ]) {
      expect(policy.check('10.0.0.5', port, { derived: true }).allowed).toBe(false);
    }
    const optIn = new TargetPolicy({ allow: ['10.0.0.0/8'], allowPorts: [6443] });
    expect(optIn.check('10.0.0.5', 6443, free).allowed).toBe(true);
  });

  it('allows the demo backends by exact endpoint only', () => {
    const demo = new TargetPolicy({ allowEndpoints: ['127.0.0.1:7443'] });
    expect(demo.check('127.0.0.1', 7443, free).allowed).toBe(true);
    expect(demo.check('127.0.0.1', 7444, free).allowed).toBe(false);
  });
});

describe('target syntax (E-23)', () => {
  it.each([
    '10.0.0.1:0',
    '10.0.0.1:65536',
    '10.0.0.1:-1',
    '10.0.0.1:80abc',
    '10.0.0.1',
    'host\r\nX-Injected: 1:80',
    'a@b:80',
    'user:pass@host:80',
    '/var/run/docker.sock',
    'unix:/var/run/docker.sock',
    'http://example.com:80',
    '::1:80',
    '[fe80::1%eth0]:80',
    'exa mple.com:80',
  ])('rejects %j', (text) => {
    expect(() => parseAddress(text)).toThrow(InvalidTargetError);
  });

  it('accepts names, IPv4 and bracketed IPv6', () => {
    expect(parseAddress('DB.Demo.svc:5432')).toEqual({ host: 'db.demo.svc', port: 5432, isIp: false });
    expect(parseAddress('[FD00::1]:443')).toEqual({ host: 'fd00::1', port: 443, isIp: true });
  });
});

describe('the dialer checks every resolved address and dials only what it checked (E-18, E-19)', () => {
  let server: Listening;
  beforeAll(async () => {
    server = await tcpServer('record');
  });
  afterAll(() => server.close());

  const allowLoopback = new TargetPolicy({ allow: ['127.0.0.1'] });
  const request = (resolver: Resolver, policy = allowLoopback) => ({
    host: 'backend.example',
    port: server.port,
    dialTimeoutMs: 1_000,
    keepAliveMs: 0,
    deadline: performance.now() + 2_000,
    check: (address: string) => policy.check(address, server.port, free),
    resolver,
  });

  it('dials the very address it checked, and resolves once even if DNS rebinds', async () => {
    let calls = 0;
    const rebinding: Resolver = async () =>
      calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }];
    const before = server.connections;
    const result = await dial(request(rebinding));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.checked).toEqual(['127.0.0.1']);
    expect(result.address).toBe('127.0.0.1');
    expect(result.socket.remoteAddress).toBe(result.checked[0]);
    result.socket.destroy();
    expect(calls).toBe(1);
    expect(server.connections).toBe(before + 1);
  });

  it('blocks a name when any of its addresses is denied, and dials none', async () => {
    const mixed: Resolver = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ];
    const before = server.connections;
    const result = await dial(request(mixed));
    expect(result).toMatchObject({ ok: false, outcome: 'blocked_by_policy', stage: 'resolve' });
    expect(server.connections).toBe(before);
  });

  it('name resolving to a blocked address: says "blocked" and never shows the address', async () => {
    const internal: Resolver = async () => [{ address: '10.96.0.17', family: 4 }];
    const strict = new TargetPolicy({ allow: ['192.168.0.0/16'] });
    const result = await dial({ ...request(internal, strict), host: 'internal-db.example' });
    expect(result).toMatchObject({ ok: false, outcome: 'blocked_by_policy', stage: 'resolve' });
    if (result.ok) return;
    expect(result.message).toMatch(/internal-db\.example resolves to an address .* blocks/);
    expect(JSON.stringify({ ...result, checked: undefined })).not.toContain('10.96.0.17');
  });

  it('fails closed when resolution fails, without retrying', async () => {
    let calls = 0;
    const flaky: Resolver = async () => {
      if (calls++ === 0) throw Object.assign(new Error('temporary failure'), { code: 'EAI_AGAIN' });
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const before = server.connections;
    const result = await dial(request(flaky));
    expect(result).toMatchObject({ ok: false, outcome: 'dns_failed' });
    expect(calls).toBe(1);
    expect(server.connections).toBe(before);
  });

  it('blocks metadata.google.internal and localhost. after resolution (E-16, E-17)', async () => {
    const metadata: Resolver = async () => [{ address: '169.254.169.254', family: 4 }];
    expect(await dial({ ...request(metadata), host: 'metadata.google.internal' })).toMatchObject({
      outcome: 'blocked_by_policy',
    });
    const strict = new TargetPolicy({ allow: ['10.0.0.0/8'] });
    const localhost: Resolver = async () => [{ address: '::ffff:127.0.0.1', family: 6 }];
    expect(await dial({ ...request(localhost, strict), host: 'localhost.' })).toMatchObject({
      outcome: 'blocked_by_policy',
    });
  });

  it('blocks IP literals before connecting', async () => {
    const strict = new TargetPolicy({ allow: ['10.0.0.0/8'] });
    const before = server.connections;
    const result = await dial({ ...request(async () => [], strict), host: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, outcome: 'blocked_by_policy' });
    expect(server.connections).toBe(before);
  });
});

describe('blocked targets are results, not dials (E-16, E-22)', () => {
  it('answers blocked with every stage after it skipped', async () => {
    const policy = new TargetPolicy({ allow: ['10.0.0.0/8'] });
    const targets: PlannedTarget[] = [
      '169.254.169.254',
      'fd00:ec2::254',
      '100.100.100.200',
      '169.254.170.2',
      '192.0.2.10',
    ].map((host) => ({
      kind: 'dial',
      target: { address: `${host}:80` },
      host,
      port: 80,
      tls: false,
      derived: false,
    }));
    const loaded = await loadTlsMaterial(undefined, 'demo', memoryMaterial({}));
    const response = await runProbe({ namespace: 'demo', spec: {} }, loaded, targets, {
      policy,
      deadlineMs: 1_000,
    });
    for (const result of response.results) {
      expect(result.verdict).toBe('blocked');
      expect(result.stages.find((s) => s.name === 'connect')!.status).toBe('fail');
      expect(result.stages.find((s) => s.name === 'tls-handshake')!.status).toBe('skipped');
    }
  });
});

describe('limits (E-24, E-27)', () => {
  it('caps requests per user at 2 and per replica at 8', () => {
    const limiter = new ProbeLimiter();
    const a1 = limiter.admit('a', 1);
    const a2 = limiter.admit('a', 1);
    expect(a1.admitted && a2.admitted).toBe(true);
    expect(limiter.admit('a', 1)).toMatchObject({ admitted: false });
    const others = Array.from({ length: 6 }, (_, i) => limiter.admit(`u${i}`, 1));
    expect(others.every((o) => o.admitted)).toBe(true);
    expect(limiter.admit('late', 1)).toMatchObject({ admitted: false });
    if (a1.admitted) a1.release();
    expect(limiter.admit('late', 1).admitted).toBe(true);
  });

  it('rate-limits targets per user and refills over time', () => {
    let now = 0;
    const limiter = new ProbeLimiter(undefined, () => now);
    for (let i = 0; i < 60; i++) {
      const a = limiter.admit('scanner', 1);
      expect(a.admitted).toBe(true);
      if (a.admitted) a.release();
    }
    const refused = limiter.admit('scanner', 1);
    expect(refused).toMatchObject({ admitted: false });
    if (!refused.admitted) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    now += 60_000;
    expect(limiter.admit('scanner', 10).admitted).toBe(true);
  });

  it('runs at most 8 dials at once', async () => {
    const limiter = new ProbeLimiter();
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        limiter.withDialSlot(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(8);
    expect(limiter.running.dials).toBe(0);
  });
});
