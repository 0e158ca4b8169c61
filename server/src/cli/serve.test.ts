import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  ClustersResponse,
  HealthResponse,
  NamespacesResponse,
  ProbeResponse,
  SessionResponse,
  TransportListResponse,
} from '@dialtone/shared';
import { clusterRequest, endpointFromKubeconfig } from '../localcluster/index.js';
import { main } from './main.js';
import { runServeCommand } from './serve.js';
import { captureIO } from './capturedIO.js';

function occupyPort(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('dialtone serve', () => {
  it('serves until stopped, then resolves with 0', async () => {
    const io = captureIO();
    const stop = new AbortController();
    const running = runServeCommand(['--host', '127.0.0.1', '--port', '0', '--demo'], io, stop.signal);
    const [, url] = await io.waitForOutput(/Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) /);
    expect(io.out()).toContain('embedded demo cluster');

    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as HealthResponse).status).toBe('ok');

    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(io.err()).toBe('');
  });

  it('local mode, quiet logs: a probe still writes its audit line', async () => {
    const io = captureIO();
    const stop = new AbortController();
    const running = runServeCommand(['--port', '0', '--demo'], io, stop.signal);
    try {
      const [, url] = await io.waitForOutput(/Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) /);
      const anonymous = await fetch(`${url}/api/v1/session`);
      const cookie = anonymous.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await anonymous.json()) as SessionResponse;
      const probe = await fetch(`${url}/api/v1/clusters/demo/probe`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          transport: { namespace: 'demo', name: 'tls-backend' },
          targets: [{ address: '192.0.2.1:443', tls: true }],
        }),
      });
      expect(probe.status).toBe(200);
      await io.waitForOutput(/"event":"probe".*"transport":"demo\/tls-backend"/);
    } finally {
      stop.abort();
      await running;
    }
  });

  it('serves the embedded demo cluster through the API, and guards writes', async () => {
    const io = captureIO();
    const stop = new AbortController();
    const running = runServeCommand(['--port', '0', '--demo'], io, stop.signal);
    try {
      const [, url] = await io.waitForOutput(/Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) /);
      expect(io.out()).toMatch(/embedded demo cluster at https:\/\/127\.0\.0\.1:\d+ \(--demo was given\)/);
      expect(io.out()).toContain('kubectl --kubeconfig');
      const clusters = (await (await fetch(`${url}/api/v1/clusters`)).json()) as ClustersResponse;
      expect(clusters.clusters).toEqual([
        expect.objectContaining({ name: 'demo', source: 'demo', reachable: true }),
      ]);
      const list = (await (
        await fetch(`${url}/api/v1/clusters/demo/transports`)
      ).json()) as TransportListResponse;
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.dangling).toContainEqual({
        route: { namespace: 'demo', name: 'dangling' },
        reference: 'no-such-transport',
        resolvesTo: 'demo-no-such-transport@kubernetescrd',
      });
      const session = (await (await fetch(`${url}/api/v1/session`)).json()) as SessionResponse;
      expect(session.clusterSource).toContain('embedded demo cluster');
      const unguarded = await fetch(`${url}/api/v1/clusters/demo/namespaces/demo/transports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unguarded.status).toBe(403);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  it('E-36: in token mode serves nothing before login and acts with the token after', async () => {
    const io = captureIO();
    const stop = new AbortController();
    const running = runServeCommand(['--port', '0', '--demo', '--auth', 'token'], io, stop.signal);
    try {
      const [, url] = await io.waitForOutput(
        /Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) \(--auth token\)\n/,
      );
      const [, viewer] = await io.waitForOutput(/ {2}viewer: (\S+)\n/);
      expect((await fetch(`${url}/api/v1/clusters/demo/transports`)).status).toBe(401);
      const anonymous = await fetch(`${url}/api/v1/session`);
      const cookie = anonymous.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await anonymous.json()) as SessionResponse;
      const login = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ token: viewer }),
      });
      expect(login.status).toBe(200);
      const session = (await login.json()) as SessionResponse;
      expect(session.authenticated).toBe(true);
      const viewerCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const list = await fetch(`${url}/api/v1/clusters/demo/transports`, {
        headers: { cookie: viewerCookie },
      });
      expect(list.status).toBe(200);
      expect(((await list.json()) as TransportListResponse).items.length).toBeGreaterThan(0);
      const namespaces = (await (
        await fetch(`${url}/api/v1/clusters/demo/namespaces`, { headers: { cookie: viewerCookie } })
      ).json()) as NamespacesResponse;
      expect(namespaces.namespaces.find((n) => n.name === 'demo')).toEqual({
        name: 'demo',
        createTransports: false,
      });
      // The viewer may read transports but not change them: the cluster says no, with the viewer's token.
      const create = await fetch(`${url}/api/v1/clusters/demo/namespaces/demo/transports`, {
        method: 'POST',
        headers: {
          cookie: viewerCookie,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'ServersTransportTCP',
          metadata: { name: 'viewer-made', namespace: 'demo' },
          spec: {},
        }),
      });
      expect(create.status).toBe(403);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  it('tests a demo transport against its demo backend, and refuses a free-form loopback address', async () => {
    const io = captureIO();
    const stop = new AbortController();
    const running = runServeCommand(['--port', '0', '--demo'], io, stop.signal);
    try {
      const [, url] = await io.waitForOutput(/Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) /);
      const first = await fetch(`${url}/api/v1/session`);
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await first.json()) as SessionResponse;
      const probe = (targets: unknown[]) =>
        fetch(`${url}/api/v1/clusters/demo/probe`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ transport: { namespace: 'demo', name: 'tls-backend' }, targets }),
        });
      const served = await probe([
        { service: { namespace: 'demo', name: 'tls-backend', port: 443 }, tls: true },
      ]);
      expect(served.status).toBe(200);
      const result = (await served.json()) as ProbeResponse;
      expect(result.results.map((r) => r.verdict)).toEqual(['pass']);

      // Every backend of every route that uses the transport, with TLS as each route says.
      const matrix = await fetch(`${url}/api/v1/clusters/demo/probe`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ transport: { namespace: 'demo', name: 'tls-backend' }, targets: 'usage' }),
      });
      expect(matrix.status).toBe(200);
      const rows = ((await matrix.json()) as ProbeResponse).results.map((r) => [
        (r.target as { route?: { name: string } }).route?.name,
        r.verdict,
      ]);
      expect(rows.sort()).toEqual([
        ['expired', 'fail'],
        ['tls', 'pass'],
        ['wrong-host', 'fail'],
      ]);

      const scan = await probe([{ address: '127.0.0.1:7300', tls: false }]);
      expect(((await scan.json()) as ProbeResponse).results.map((r) => r.verdict)).toEqual(['blocked']);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  it('E-30: never lets Secret data, tokens or keys reach a response, a log line or a metric', async () => {
    const io = captureIO();
    const stop = new AbortController();
    const level = process.env['DIALTONE_LOG_LEVEL'];
    process.env['DIALTONE_LOG_LEVEL'] = 'debug';
    const running = runServeCommand(
      ['--port', '0', '--demo', '--auth', 'token', '--metrics-port', '0'],
      io,
      stop.signal,
    );
    try {
      const [, url] = await io.waitForOutput(/Dialtone is serving on (http:\/\/127\.0\.0\.1:\d+) /);
      const [, metricsUrl] = await io.waitForOutput(/Metrics on (http:\/\/\S+)\n/);
      const [, kubeconfig] = await io.waitForOutput(/kubectl --kubeconfig (\S+) /);
      const [, admin] = await io.waitForOutput(/ {2}admin: (\S+)\n/);
      // What the Secrets hold, read straight from the cluster as its administrator.
      const cluster = endpointFromKubeconfig(readFileSync(kubeconfig ?? '', 'utf8'));
      const secrets = (await clusterRequest(cluster, '/api/v1/namespaces/demo/secrets')).json as {
        items: { data?: Record<string, string> }[];
      };
      const secretValues = secrets.items.flatMap((s) => Object.values(s.data ?? {}));
      expect(secretValues.length).toBeGreaterThan(0);
      const pemBodies = secretValues
        .map((v) => Buffer.from(v, 'base64').toString('utf8'))
        .flatMap((text) => text.split('\n').filter((line) => line.length > 40 && !line.startsWith('-----')));

      const anonymous = await fetch(`${url}/api/v1/session`);
      const cookie0 = anonymous.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken: csrf0 } = (await anonymous.json()) as SessionResponse;
      const login = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { cookie: cookie0, 'x-csrf-token': csrf0, 'content-type': 'application/json' },
        body: JSON.stringify({ token: admin }),
      });
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as SessionResponse;
      const bodies: string[] = [];
      const get = async (path: string) => {
        const res = await fetch(`${url}${path}`, { headers: { cookie } });
        bodies.push(await res.text());
        return res.status;
      };
      expect(await get('/api/v1/clusters/demo/namespaces/demo/transports/mtls-backend')).toBe(200);
      expect(await get('/api/v1/clusters/demo/namespaces/demo/secrets')).toBe(200);
      expect(await get('/api/v1/clusters/demo/export?namespace=demo')).toBe(200);
      const probe = await fetch(`${url}/api/v1/clusters/demo/probe`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          transport: { namespace: 'demo', name: 'mtls-backend' },
          targets: [{ service: { namespace: 'demo', name: 'mtls-backend', port: 443 }, tls: true }],
        }),
      });
      bodies.push(await probe.text());
      const metrics = await fetch(metricsUrl!);
      expect(metrics.status).toBe(200);
      bodies.push(await metrics.text());
      // The startup lines print the demo users' tokens on purpose; every log line after them is JSON.
      const logLines = io
        .out()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(logLines.length).toBeGreaterThan(3);
      const everything = [...bodies, ...logLines, io.err()].join('\n');
      expect(io.out()).toContain('"route":"/api/v1/clusters/:cluster/probe"');
      expect(everything).not.toContain('PRIVATE KEY');
      expect(everything).not.toContain(admin);
      for (const value of secretValues) expect(everything).not.toContain(value);
      for (const line of pemBodies) expect(everything).not.toContain(line);
    } finally {
      if (level === undefined) delete process.env['DIALTONE_LOG_LEVEL'];
      else process.env['DIALTONE_LOG_LEVEL'] = level;
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  it('stops on SIGTERM', async () => {
    const io = captureIO();
    const running = runServeCommand(['--port', '0'], io);
    await io.waitForOutput(/serving on/);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
  });

  it('says in one line that the port is taken, with status 1', async () => {
    const blocker = await occupyPort();
    try {
      const { port } = blocker.address() as AddressInfo;
      const io = captureIO();
      expect(await runServeCommand(['--port', String(port)], io)).toBe(1);
      expect(io.err()).toBe(
        `dialtone serve: port ${port} on 127.0.0.1 is already in use. ` +
          'Stop the program using it or choose another port with --port.\n',
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 2 with a message for a bad port', async () => {
    const io = captureIO();
    expect(await main(['--port', '99999'], io)).toBe(2);
    expect(io.err()).toContain('--port "99999" is not a port number');
    expect(io.out()).toBe('');
  });

  it('prints the options for --help', async () => {
    const io = captureIO();
    expect(await runServeCommand(['--help'], io)).toBe(0);
    expect(io.out()).toContain('--probe-allow CIDR');
  });
});
