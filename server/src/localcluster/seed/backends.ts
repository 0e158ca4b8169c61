import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { KeyPair } from './certificates.js';

/** The demo's backends, one per way a connection can go right or wrong. */
export const BACKEND_NAMES = [
  'echo',
  'tls',
  'mtls',
  'spiffe',
  'expired',
  'wrong-host',
  'closed',
  'stall',
] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendCertificates {
  ca: string;
  server: KeyPair;
  spiffe: KeyPair;
  expired: KeyPair;
  wrongHost: KeyPair;
}

export interface DemoBackends {
  ports: Record<BackendName, number>;
  /** `127.0.0.1:port` of every backend a probe may dial, the closed port included (it must be refused, not blocked). */
  endpoints(): string[];
  close(): Promise<void>;
}

function echo(socket: Socket): void {
  socket.on('error', () => socket.destroy());
  socket.pipe(socket);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port that was free a moment ago and has nothing listening: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the demo backends on 127.0.0.1, each on a free port. */
export async function startDemoBackends(certs: BackendCertificates): Promise<DemoBackends> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const track = (server: Server): Server => {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    });
    servers.push(server);
    return server;
  };
  const tls = (pair: KeyPair, mutual = false) =>
    track(
      createTlsServer(
        {
          cert: pair.certPem,
          key: pair.keyPem,
          ca: certs.ca,
          requestCert: mutual,
          rejectUnauthorized: mutual,
        },
        echo,
      ).on('tlsClientError', () => undefined),
    );
  const ports = {
    echo: await listen(track(createTcpServer(echo))),
    tls: await listen(tls(certs.server)),
    mtls: await listen(tls(certs.server, true)),
    spiffe: await listen(tls(certs.spiffe)),
    expired: await listen(tls(certs.expired)),
    'wrong-host': await listen(tls(certs.wrongHost)),
    closed: await closedPort(),
    // Accepts the connection and reads the ClientHello, but never answers it.
    stall: await listen(track(createTcpServer((socket) => socket.resume()))),
  } satisfies Record<BackendName, number>;
  return {
    ports,
    endpoints: () => BACKEND_NAMES.map((name) => `127.0.0.1:${ports[name]}`),
    close: async () => {
      await Promise.all(servers.map((s) => closeServer(s, sockets)));
    },
  };
}
