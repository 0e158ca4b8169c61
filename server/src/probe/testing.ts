import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';
import forge from 'node-forge';
import type { ProbeTargetResult, ServersTransportTCPSpec } from '@dialtone/shared';
import { runProbe, type PlannedTarget } from './engine.js';
import { loadTlsMaterial, type MaterialLookup, type MaterialSource } from './material.js';
import { TargetPolicy } from './targetPolicy.js';

/** Certificates made for one test run; nothing is committed. */
export interface Issued {
  certPem: string;
  keyPem: string;
}

export interface IssueRequest {
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  notBefore?: Date;
  notAfter?: Date;
  client?: boolean;
}

const DAY = 86_400_000;

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), keyPem };
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

export class TestCA {
  private constructor(
    private readonly cert: forge.pki.Certificate,
    private readonly key: forge.pki.rsa.PrivateKey,
    readonly certPem: string,
  ) {}

  static create(commonName: string): TestCA {
    return TestCA.make(commonName, 365);
  }

  /** A CA signed by this one, for chains where only the intermediate is trusted. */
  intermediate(commonName: string): TestCA {
    return TestCA.make(commonName, 180, this);
  }

  private static make(commonName: string, days: number, issuer?: TestCA): TestCA {
    const { key, publicKey } = newKey();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - DAY);
    cert.validity.notAfter = new Date(Date.now() + days * DAY);
    const subject = [{ name: 'commonName', value: commonName }];
    cert.setSubject(subject);
    cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(issuer?.key ?? key, forge.md.sha256.create());
    return new TestCA(cert, key, forge.pki.certificateToPem(cert));
  }

  issue(request: IssueRequest): Issued {
    const { publicKey, keyPem } = newKey();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serial();
    cert.validity.notBefore = request.notBefore ?? new Date(Date.now() - DAY);
    cert.validity.notAfter = request.notAfter ?? new Date(Date.now() + 30 * DAY);
    cert.setSubject([{ name: 'commonName', value: request.commonName }]);
    cert.setIssuer(this.cert.subject.attributes);
    const altNames = [
      ...(request.dnsNames ?? []).map((value) => ({ type: 2, value })),
      ...(request.uris ?? []).map((value) => ({ type: 6, value })),
      ...(request.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
    ];
    const extensions: object[] = [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      request.client ? { name: 'extKeyUsage', clientAuth: true } : { name: 'extKeyUsage', serverAuth: true },
    ];
    if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
    cert.setExtensions(extensions);
    cert.sign(this.key, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem };
  }
}

export interface Listening {
  port: number;
  /** Bytes each accepted connection sent before it closed or the test looked. */
  received: Buffer[];
  connections: number;
  close(): Promise<void>;
}

function track(server: Server, onSocket?: (socket: Socket, index: number) => void): Promise<Listening> {
  const sockets = new Set<Socket>();
  const state: Listening = {
    port: 0,
    received: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    const index = state.connections++;
    state.received[index] = Buffer.alloc(0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket?.(socket, index);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      state.port = (server.address() as AddressInfo).port;
      resolve(state);
    }),
  );
}

/** A TLS server on 127.0.0.1 that completes handshakes and then says nothing, unless `onSecure` talks. */
export function tlsServer(options: TlsOptions, onSecure?: (socket: TLSSocket) => void): Promise<Listening> {
  const server = createTlsServer(options, (socket) => {
    socket.on('error', () => undefined);
    onSecure?.(socket);
  });
  server.on('tlsClientError', () => undefined);
  return track(server);
}

export type TcpServerMode =
  | 'silent'
  | 'banner'
  | 'record'
  | 'half-hello'
  | 'half-hello-close'
  | 'close'
  | 'close-after-hello'
  | 'reset'
  | 'reset-after-hello'
  | 'garbage';

// A TLS record header announcing a ServerHello, then a few bytes of it.
const HALF_SERVER_HELLO = Buffer.from('160303005002000046030300112233', 'hex');

/**
 * A plain TCP server that records what clients send. `silent` never answers; `banner` writes text
 * first; `half-hello` answers a ClientHello with half a ServerHello (`-close`: then closes); `close`
 * and `reset` end the connection at once, `-after-hello` once the ClientHello arrived; `garbage`
 * answers with random bytes.
 */
export function tcpServer(mode: TcpServerMode): Promise<Listening> {
  const server = createTcpServer();
  let state: Listening | undefined;
  const ready = track(server, (socket, index) => {
    if (mode === 'banner') socket.write('220 mail.example ESMTP ready <script>\r\n');
    if (mode === 'close') socket.end();
    if (mode === 'reset') socket.resetAndDestroy();
    socket.once('data', () => {
      if (mode === 'half-hello') socket.write(HALF_SERVER_HELLO);
      if (mode === 'half-hello-close') socket.end(HALF_SERVER_HELLO);
      if (mode === 'close-after-hello') socket.end();
      if (mode === 'reset-after-hello') socket.resetAndDestroy();
      if (mode === 'garbage') socket.end(randomBytes(300));
    });
    socket.on('data', (chunk: Buffer) => {
      if (state) state.received[index] = Buffer.concat([state.received[index] ?? Buffer.alloc(0), chunk]);
    });
  });
  return ready.then((s) => (state = s));
}

/** A port nothing listens on: bound, read, released. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Secrets and ConfigMaps from plain objects, as the kube layer would return them. */
export function memoryMaterial(objects: {
  secrets?: Record<string, { data: Record<string, string>; labels?: Record<string, string> } | 'forbidden'>;
  configMaps?: Record<string, { data: Record<string, string> } | 'forbidden'>;
}): MaterialSource & { reads: string[] } {
  const reads: string[] = [];
  const lookup = (
    store:
      | Record<string, { data: Record<string, string>; labels?: Record<string, string> } | 'forbidden'>
      | undefined,
    key: string,
  ): MaterialLookup => {
    reads.push(key);
    const entry = store?.[key];
    if (entry === 'forbidden') return { found: false, reason: 'forbidden' };
    if (!entry) return { found: false, reason: 'not-found' };
    return { found: true, data: entry.data, labels: entry.labels ?? {} };
  };
  return {
    reads,
    getSecret: async (ns, name) => lookup(objects.secrets, `${ns}/${name}`),
    getConfigMap: async (ns, name) => lookup(objects.configMaps, `${ns}/${name}`),
  };
}

/** A dial target on 127.0.0.1, as the planner would hand it to the engine. */
export function localTarget(port: number, tls = true): PlannedTarget {
  return {
    kind: 'dial',
    target: { address: `127.0.0.1:${port}`, tls },
    host: '127.0.0.1',
    port,
    tls,
    derived: false,
  };
}

export interface ProbeOnceOptions {
  tls?: boolean;
  handshakeTimeoutMs?: number;
  settleMs?: number;
  spiffeConfigured?: boolean;
}

/** One target probed with a transport spec whose material comes from `source`, in namespace demo. */
export async function probeOnce(
  spec: ServersTransportTCPSpec | undefined,
  port: number,
  source: MaterialSource,
  options: ProbeOnceOptions = {},
): Promise<ProbeTargetResult> {
  const loaded = await loadTlsMaterial(spec?.tls, 'demo', source);
  const response = await runProbe(
    { namespace: 'demo', name: 'backend', spec },
    loaded,
    [localTarget(port, options.tls ?? true)],
    {
      policy: new TargetPolicy({ allow: ['127.0.0.1'] }),
      deadlineMs: 4_000,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 2_000,
      settleMs: options.settleMs ?? 200,
      ...(options.spiffeConfigured !== undefined ? { spiffeConfigured: options.spiffeConfigured } : {}),
    },
  );
  return response.results[0]!;
}
