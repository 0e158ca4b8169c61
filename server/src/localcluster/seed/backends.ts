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

/**
 * Ports for when one host serves every backend behind ExternalName Services: Traefik dials
 * externalName:servicePort, so each backend needs its own well-known port.
 */
export const FIXED_BACKEND_PORTS: Record<BackendName, number> = {
  echo: 9001,
  tls: 9002,
  mtls: 9003,
  spiffe: 9004,
  expired: 9005,
  'wrong-host': 9006,
  closed: 9007,
  stall: 9008,
};

export interface BackendListenOptions {
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Listen on FIXED_BACKEND_PORTS instead of free ports; the closed backend's port stays unbound. */
  fixedPorts?: boolean;
}

export interface BackendCertificates {
  ca: string;
  server: KeyPair;
  spiffe: KeyPair;
  expired: KeyPair;
  wrongHost: KeyPair;
}

export interface DemoBackends {
  ports: Record<BackendName, number>;
  /** `host:port` of every backend a probe may dial, the closed port included (it must be refused, not blocked). */
  endpoints(): string[];
  close(): Promise<void>;
}

function echo(socket: Socket): void {
  socket.on('error', () => socket.destroy());
  socket.pipe(socket);
}

function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is already in use: stop what listens there and start again`, {
              cause: error,
            })
          : error,
      );
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
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

/** Starts the demo backends, on 127.0.0.1 and free ports unless told otherwise. */
export async function startDemoBackends(
  certs: BackendCertificates,
  options: BackendListenOptions = {},
): Promise<DemoBackends> {
  const host = options.host ?? '127.0.0.1';
  const on = (server: Server, name: BackendName) =>
    listen(server, options.fixedPorts ? FIXED_BACKEND_PORTS[name] : 0, host);
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
  try {
    const ports = {
      echo: await on(track(createTcpServer(echo)), 'echo'),
      tls: await on(tls(certs.server), 'tls'),
      mtls: await on(tls(certs.server, true), 'mtls'),
      spiffe: await on(tls(certs.spiffe), 'spiffe'),
      expired: await on(tls(certs.expired), 'expired'),
      'wrong-host': await on(tls(certs.wrongHost), 'wrong-host'),
      closed: options.fixedPorts ? FIXED_BACKEND_PORTS.closed : await closedPort(),
      // Accepts the connection and reads the ClientHello, but never answers it.
      stall: await on(track(createTcpServer((socket) => socket.resume())), 'stall'),
    } satisfies Record<BackendName, number>;
    return {
      ports,
      endpoints: () => BACKEND_NAMES.map((name) => `${host}:${ports[name]}`),
      close: () => closeAll(servers, sockets),
    };
  } catch (error) {
    await closeAll(servers, sockets);
    throw error;
  }
}

async function closeAll(servers: Server[], sockets: Set<Socket>): Promise<void> {
  await Promise.all(servers.filter((s) => s.listening).map((s) => closeServer(s, sockets)));
}
