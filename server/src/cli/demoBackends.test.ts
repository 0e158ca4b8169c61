import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_BACKEND_PORTS } from '../localcluster/index.js';
import { main } from './main.js';
import { captureIO } from './capturedIO.js';

type Outcome = { ok: true; authorized: boolean; echoed: string } | { ok: false; code: string };

/** Connects, sends "ping" and reports what came back; TLS 1.3 refuses a client only on the first read. */
function exchange(port: number, tls?: ConnectionOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = tls
      ? connectTls({ host: '127.0.0.1', port, ...tls })
      : connectTcp({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'timeout' });
    }, 4000);
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write('ping'));
    socket.once('data', (data: Buffer) => {
      clearTimeout(timer);
      const authorized = 'authorized' in socket ? Boolean(socket.authorized) : false;
      socket.destroy();
      resolve({ ok: true, authorized, echoed: data.toString() });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: error.code ?? error.message });
    });
  });
}

let dir: string;
let ca: string;
let clientCert: { cert: string; key: string };
let running: Promise<number>;
let io: ReturnType<typeof captureIO>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dialtone-demo-backends-'));
  const manifests = captureIO({ cwd: tmpdir() });
  await main(['demo-manifests', '--backend-host', 'demo-backends', '--certs-out', dir], manifests);
  const client = parseAllDocuments(manifests.out())
    .map((d) => d.toJS() as { kind: string; metadata: { name: string }; stringData?: Record<string, string> })
    .find((d) => d.kind === 'Secret' && d.metadata.name === 'client-cert')!;
  clientCert = { cert: client.stringData!['tls.crt']!, key: client.stringData!['tls.key']! };
  ca = readFileSync(join(dir, 'ca.crt'), 'utf8');
  io = captureIO({ cwd: tmpdir() });
  running = main(['demo-backends', '--host', '127.0.0.1', '--certs', dir], io);
  for (let i = 0; i < 200 && !io.out().includes('stall') && !io.err(); i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(io.err()).toBe('');
}, 30_000);

afterAll(async () => {
  process.emit('SIGTERM');
  expect(await running).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('dialtone demo-backends --certs', () => {
  it('lists each backend on its fixed port', () => {
    for (const [name, port] of Object.entries(FIXED_BACKEND_PORTS))
      expect(io.out()).toMatch(new RegExp(`${name}\\s+${port}`));
  });

  it('echoes on the plain TCP backend', async () => {
    expect(await exchange(FIXED_BACKEND_PORTS.echo)).toEqual({ ok: true, authorized: false, echoed: 'ping' });
  });

  it('presents on the tls backend a certificate of the written CA for backend.demo.svc', async () => {
    const outcome = await exchange(FIXED_BACKEND_PORTS.tls, { ca, servername: 'backend.demo.svc' });
    expect(outcome).toEqual({ ok: true, authorized: true, echoed: 'ping' });
  });

  it('refuses a client without a certificate on the mtls backend, and accepts the demo client', async () => {
    const refused = await exchange(FIXED_BACKEND_PORTS.mtls, { ca, servername: 'backend.demo.svc' });
    expect(refused.ok).toBe(false);
    const accepted = await exchange(FIXED_BACKEND_PORTS.mtls, {
      ca,
      servername: 'backend.demo.svc',
      ...clientCert,
    });
    expect(accepted).toEqual({ ok: true, authorized: true, echoed: 'ping' });
  });

  it('refuses connections on the closed backend’s port', async () => {
    expect(await exchange(FIXED_BACKEND_PORTS.closed)).toEqual({ ok: false, code: 'ECONNREFUSED' });
  });
});

describe('dialtone demo-backends', () => {
  it('needs --certs, and says which file is missing', async () => {
    const noFlag = captureIO({ cwd: tmpdir() });
    expect(await main(['demo-backends'], noFlag)).toBe(2);
    expect(noFlag.err()).toContain('--certs DIR is required');
    const empty = mkdtempSync(join(tmpdir(), 'dialtone-no-certs-'));
    try {
      await expect(main(['demo-backends', '--certs', empty], captureIO({ cwd: tmpdir() }))).rejects.toThrow(
        `${join(empty, 'ca.crt')} does not exist: write the demo certificates there first`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
