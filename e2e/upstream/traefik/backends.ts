import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';

/** What a backend saw, so the judge can tell what reached it through Traefik. */
export interface BackendRecord {
  connections: number;
  /** TLS handshakes the backend completed (plain backends: 0). */
  handshakes: number;
  /** Everything clients sent after the handshake and any PROXY header. */
  received: string;
  proxyHeader?: { version: 1 | 2; source: string; destination: string };
  clientCertificates: string[];
}

export interface Backend {
  port: number;
  record: BackendRecord;
  close(): Promise<void>;
}

export type BackendSpec =
  /** Echoes what it receives after a TLS handshake with these options. */
  | { kind: 'tls'; options: TlsOptions; closeAfterHandshake?: boolean }
  /** Plain TCP echo, optionally reading a PROXY protocol header first. */
  | { kind: 'tcp'; proxyProtocol?: boolean }
  /** Accepts connections and never says a word. */
  | { kind: 'silent' };

export async function startBackend(spec: BackendSpec): Promise<Backend> {
  const record: BackendRecord = { connections: 0, handshakes: 0, received: '', clientCertificates: [] };
  const echo = (socket: Socket) => {
    socket.on('data', (chunk: Buffer) => {
      record.received += chunk.toString('latin1');
      socket.write(chunk);
    });
  };
  let server: Server;
  if (spec.kind === 'tls') {
    server = createTlsServer(spec.options, (socket: TLSSocket) => {
      record.handshakes += 1;
      const peer = socket.getPeerCertificate();
      if (peer && typeof peer.subject === 'object' && peer.subject !== null) {
        record.clientCertificates.push(String(peer.subject.CN ?? ''));
      }
      socket.on('error', () => undefined);
      if (spec.closeAfterHandshake) {
        socket.end();
        return;
      }
      echo(socket);
    });
    server.on('tlsClientError', () => undefined);
  } else {
    server = createTcpServer((socket) => {
      socket.on('error', () => undefined);
      if (spec.kind === 'silent') return;
      if (spec.proxyProtocol) readProxyHeader(socket, record, () => echo(socket));
      else echo(socket);
    });
  }
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    record.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    record,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const V2_SIGNATURE = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');

/** Reads a PROXY protocol v1 or v2 header off the front of the stream, then hands the rest to `then`. */
function readProxyHeader(socket: Socket, record: BackendRecord, then: () => void): void {
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    let headerLength = 0;
    if (buffered.subarray(0, 12).equals(V2_SIGNATURE)) {
      if (buffered.length < 16) return;
      headerLength = 16 + buffered.readUInt16BE(14);
      if (buffered.length < headerLength) return;
      const family = buffered[13];
      if (family === 0x11) {
        const ip = (offset: number) => [...buffered.subarray(offset, offset + 4)].join('.');
        record.proxyHeader = {
          version: 2,
          source: `${ip(16)}:${buffered.readUInt16BE(24)}`,
          destination: `${ip(20)}:${buffered.readUInt16BE(26)}`,
        };
      } else {
        record.proxyHeader = { version: 2, source: '', destination: '' };
      }
    } else if (buffered.subarray(0, 6).toString('latin1') === 'PROXY ') {
      const end = buffered.indexOf('\r\n');
      if (end < 0) return;
      headerLength = end + 2;
      const [, , source, destination, sourcePort, destinationPort] = buffered
        .subarray(0, end)
        .toString('latin1')
        .split(' ');
      record.proxyHeader = {
        version: 1,
        source: `${source}:${sourcePort}`,
        destination: `${destination}:${destinationPort}`,
      };
    } else if (buffered.length < 12) {
      return;
    }
    socket.off('data', onData);
    const rest = buffered.subarray(headerLength);
    then();
    if (rest.length > 0) socket.emit('data', rest);
  };
  socket.on('data', onData);
}
