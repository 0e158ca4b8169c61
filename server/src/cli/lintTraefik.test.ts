import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintReport, LintTraefikInstance } from '@dialtone/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROKEN_ROUTER,
  GOOD_ROUTER,
  RECORDED,
  startFakeTraefik,
  type FakeTraefik,
} from '../traefikview/testing.js';
import { captureIO } from './capturedIO.js';
import { main } from './main.js';

const transport = (name: string, spec: string) => `apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: ${name}
  namespace: demo
spec:
${spec}`;

const route = (name: string, serversTransport: string, entryPoint: string) => `apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata:
  name: ${name}
  namespace: demo
spec:
  entryPoints: [${entryPoint}]
  routes:
    - match: HostSNI(\`*\`)
      services:
        - name: backend
          port: 9000
          serversTransport: ${serversTransport}
`;

/** The objects the recorded Traefik answers were made from, and a transport no route uses. */
const INPUT = [
  transport('good', '  dialTimeout: 5s\n'),
  transport('broken', '  proxyProtocol: {}\n'),
  transport('idle', '  dialTimeout: 5s\n'),
  route('route-good', 'good', 'tcp'),
  route('route-broken', 'broken', 'tcp2'),
].join('---\n');

const CLEAN = [transport('good', '  dialTimeout: 5s\n'), route('route-good', 'good', 'tcp')].join('---\n');

function workspace(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-lint-traefik-'));
  writeFileSync(join(dir, 'input.yaml'), text);
  return dir;
}

async function lint(args: string[], text: string) {
  const io = captureIO({ cwd: workspace(text) });
  const code = await main(['lint', ...args, 'input.yaml'], io);
  return { code, out: io.out(), err: io.err() };
}

const routers = RECORDED['/api/tcp/routers'];

describe('dialtone lint --traefik-api against a Traefik API', () => {
  let recorded: FakeTraefik;
  // The healthy route's router disabled by an error lint cannot know of.
  let surprising: FakeTraefik;
  // The broken transport loaded without errors, as a Traefik whose rules differ would.
  let lenient: FakeTraefik;

  beforeAll(async () => {
    recorded = await startFakeTraefik(RECORDED);
    surprising = await startFakeTraefik({
      ...RECORDED,
      '/api/tcp/routers': [
        { ...routers[0], status: 'disabled', error: ['the service "backend" does not exist'] },
        routers[1],
      ],
    });
    lenient = await startFakeTraefik({
      ...RECORDED,
      '/api/tcp/routers': [routers[0], { ...routers[1], status: 'enabled', error: undefined }],
    });
  });

  afterAll(async () => {
    await Promise.all([recorded?.close(), surprising?.close(), lenient?.close()]);
  });

  it("adds Traefik's statuses and errors for each object of the input, by Traefik's names", async () => {
    const { code, out } = await lint(['--traefik-api', recorded.url], INPUT);
    expect(code).toBe(1);
    const lines = out.split('\n');
    // Traefik's own error is a finding of the transport and of the route, at their lines.
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^input\\.yaml:12:3 error traefik-api\\.router-error Traefik 3\\.7\\.9 at ${recorded.url} reports router ${BROKEN_ROUTER} \\(IngressRouteTCP demo/route-broken routes\\[0\\]\\) that uses it is disabled: unknown proxyProtocol version: 0\\.$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^input\.yaml:\d+:\d+ error traefik-api\.router-error .* is disabled: unknown proxyProtocol/,
      ),
    );
    // Lint predicted the refusal, so nothing says they disagree.
    expect(out).not.toContain('lint predicted');
    expect(out).toContain(`Traefik 3.7.9 at ${recorded.url}, read `);
    expect(lines).toContain(
      `  ServersTransportTCP demo/good: loaded, 1 router: router ${GOOD_ROUTER} enabled`,
    );
    expect(lines).toContain('  ServersTransportTCP demo/idle: not loaded by Traefik');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}IngressRouteTCP demo\/route-broken: in error, 1 router: .* disabled \(unknown proxyProtocol version: 0\)/,
      ),
    );
  });

  it('exits 1 for an error only Traefik reports, saying that lint predicted none', async () => {
    const alone = await lint([], CLEAN);
    expect(alone.code).toBe(0);
    const { code, out } = await lint(['--traefik-api', surprising.url], CLEAN);
    expect(code).toBe(1);
    expect(out).toMatch(
      /error traefik-api\.router-error .* reports router .* disabled: the service "backend" does not exist; lint predicted no error\. \(Traefik reads the live cluster/,
    );
    expect(out).toContain('Traefik reports the service "backend" does not exist; lint predicted no error');
    expect(out).toMatch(/2 documents checked, 2 errors, 0 warnings/);
  });

  it('warns where Traefik loaded what lint predicted it would refuse', async () => {
    const { out } = await lint(['--traefik-api', lenient.url], INPUT);
    expect(out).toMatch(
      /warning traefik-api\.disagreement Traefik 3\.7\.9 at .*: Traefik reports it loaded by 1 router without errors; lint predicted: /,
    );
  });

  it('puts the view in the JSON report and the findings in the github format', async () => {
    const json = await lint(['--format', 'json', '--traefik-api', recorded.url], INPUT);
    const report = JSON.parse(json.out) as LintReport & { traefik: LintTraefikInstance[] };
    const [instance] = report.traefik;
    expect(instance).toMatchObject({ state: 'ok', version: '3.7.9', instance: { target: recorded.url } });
    expect(instance?.objects.map((o) => [o.kind, o.name, o.verdict, o.prediction.verdict])).toEqual([
      ['ServersTransportTCP', 'good', 'loaded', 'loaded'],
      ['ServersTransportTCP', 'broken', 'in-error', 'in-error'],
      ['ServersTransportTCP', 'idle', 'not-used', 'loaded'],
      ['IngressRouteTCP', 'route-good', 'loaded', 'loaded'],
      ['IngressRouteTCP', 'route-broken', 'in-error', 'in-error'],
    ]);
    expect(instance?.objects[4]?.routers[0]).toMatchObject({
      name: BROKEN_ROUTER,
      status: 'disabled',
      errors: ['unknown proxyProtocol version: 0'],
    });
    expect(report.summary.errors).toBe(
      report.documents.flatMap((d) => d.diagnostics).filter((d) => d.severity === 'error').length,
    );
    const github = await lint(['--format', 'github', '--traefik-api', surprising.url], CLEAN);
    expect(github.out).toMatch(
      /^::error file=input\.yaml,line=\d+,col=\d+,title=traefik-api\.router-error::/m,
    );
  });

  it('reads several Traefik instances, one section each', async () => {
    const { out } = await lint(
      ['--traefik-api', recorded.url, '--traefik-api', `${lenient.url}/api/`],
      CLEAN,
    );
    expect(out).toContain(`Traefik 3.7.9 at ${recorded.url}, read `);
    expect(out).toContain(`Traefik 3.7.9 at ${lenient.url}, read `);
  });
});

describe('dialtone lint --traefik-api when Traefik cannot be read', () => {
  it('prints the lint results and why Traefik was not read, with the exit status of lint alone', async () => {
    const closed = await unusedPort();
    const { code, out } = await lint(['--traefik-api', `http://127.0.0.1:${closed}`], CLEAN);
    expect(code).toBe(0);
    expect(out).toContain('2 documents checked, 0 errors, 0 warnings');
    expect(out).toMatch(
      new RegExp(
        `Traefik at http://127\\.0\\.0\\.1:${closed}: not read: cannot reach 127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED.*\\. The findings above are lint's alone\\.`,
      ),
    );
  });

  it('keeps machine formats on stdout whole and says it on stderr', async () => {
    const closed = await unusedPort();
    const { code, out, err } = await lint(
      ['--format', 'sarif', '--traefik-api', `http://127.0.0.1:${closed}`],
      CLEAN,
    );
    expect(code).toBe(0);
    expect(() => JSON.parse(out) as unknown).not.toThrow();
    expect(err).toMatch(/^dialtone lint: Traefik at http:\/\/127\.0\.0\.1:\d+ not read: cannot reach/);
  });

  it('gives up on a silent API at --traefik-timeout', async () => {
    const never = () => undefined;
    const silent = await startFakeTraefik({
      '/api/version': never,
      '/api/overview': never,
      '/api/tcp/routers': never,
      '/api/tcp/services': never,
    });
    try {
      const started = Date.now();
      const { code, out } = await lint(['--traefik-timeout', '0.3', '--traefik-api', silent.url], CLEAN);
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(out).toMatch(
        /not read: \/api\/\S+ did not answer within 300 ms; check that the address is Traefik's API entry point/,
      );
    } finally {
      await silent.close();
    }
  });

  it('refuses a flood and a wrong shape with a message, never a crash', async () => {
    const items = (n: number) => `[${'"x",'.repeat(n)}"x"]`;
    // Past the size cap; and within it, millions of tiny items to spread.
    const flood = await startFakeTraefik({
      ...RECORDED,
      '/api/tcp/routers': (_req, res) => res.writeHead(200).end(items(3_000_000)),
    });
    const many = await startFakeTraefik({
      ...RECORDED,
      '/api/tcp/routers': (_req, res) => res.writeHead(200).end(items(2_000_000)),
    });
    const wrong = await startFakeTraefik({ ...RECORDED, '/api/tcp/services': { not: 'a list' } });
    try {
      const flooded = await lint(['--traefik-api', flood.url], CLEAN);
      expect(flooded.code).toBe(0);
      expect(flooded.out).toMatch(/not read: \/api\/tcp\/routers answered with more than 8 MiB/);
      const crowded = await lint(['--traefik-api', many.url], CLEAN);
      expect(crowded.out).toContain('Traefik listed more routers or services than lint reads');
      const shaped = await lint(['--traefik-api', wrong.url], CLEAN);
      expect(shaped.out).toMatch(/not read: \/api\/tcp\/services is not a JSON array/);
    } finally {
      await Promise.all([flood.close(), many.close(), wrong.close()]);
    }
  });
});

describe('dialtone lint --traefik-api usage', () => {
  it.each([
    ['service:traefik/traefik:traefik', /lint reads no cluster, so it takes only the URL/],
    ['demo=http://127.0.0.1:9000', /lint reads no cluster/],
    ['ftp://127.0.0.1', /neither an http\(s\) URL/],
  ])('refuses %s with exit status 2', async (value, message) => {
    const io = captureIO({ cwd: workspace(CLEAN) });
    expect(await main(['lint', '--traefik-api', value, 'input.yaml'], io)).toBe(2);
    expect(io.err()).toMatch(message);
  });

  it('refuses a timeout that is not a number of seconds, or without a URL', async () => {
    const io = captureIO({ cwd: workspace(CLEAN) });
    expect(
      await main(
        ['lint', '--traefik-api', 'http://127.0.0.1:1', '--traefik-timeout', 'soon', 'input.yaml'],
        io,
      ),
    ).toBe(2);
    expect(io.err()).toContain('--traefik-timeout must be a number of seconds');
    const alone = captureIO({ cwd: workspace(CLEAN) });
    expect(await main(['lint', '--traefik-timeout', '3', 'input.yaml'], alone)).toBe(2);
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
