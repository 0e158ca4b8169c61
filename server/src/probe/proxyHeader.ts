import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { ipv6Groups } from './ipAddress.js';

export interface ProxyEndpoints {
  sourceAddress: string;
  sourcePort: number;
  destinationAddress: string;
  destinationPort: number;
}

const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);

function addressBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const groups = ipv6Groups(address) ?? Array<number>(8).fill(0);
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

/** The PROXY protocol header, v1 text or v2 binary, as Traefik's proxyproto library writes it. */
export function proxyHeader(version: 1 | 2, endpoints: ProxyEndpoints): Buffer {
  const v6 = isIP(endpoints.sourceAddress) === 6 || isIP(endpoints.destinationAddress) === 6;
  if (version === 1) {
    return Buffer.from(
      `PROXY ${v6 ? 'TCP6' : 'TCP4'} ${endpoints.sourceAddress} ${endpoints.destinationAddress} ${endpoints.sourcePort} ${endpoints.destinationPort}\r\n`,
      'ascii',
    );
  }
  const source = addressBytes(endpoints.sourceAddress);
  const destination = addressBytes(endpoints.destinationAddress);
  const ports = Buffer.alloc(4);
  ports.writeUInt16BE(endpoints.sourcePort, 0);
  ports.writeUInt16BE(endpoints.destinationPort, 2);
  const body = Buffer.concat([source, destination, ports]);
  const head = Buffer.alloc(4);
  head[0] = 0x21; // version 2, command PROXY
  head[1] = v6 ? 0x21 : 0x11; // AF_INET6 or AF_INET, STREAM
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([V2_SIGNATURE, head, body]);
}

/**
 * Writes the header on a connected socket. The probe has no client connection, so it names its own
 * socket as the source; Traefik would name the real client and the entry point it arrived on.
 */
export function writeProxyHeader(socket: Socket, version: 1 | 2): Promise<ProxyEndpoints> {
  const endpoints: ProxyEndpoints = {
    sourceAddress: socket.localAddress ?? '0.0.0.0',
    sourcePort: socket.localPort ?? 0,
    destinationAddress: socket.remoteAddress ?? '0.0.0.0',
    destinationPort: socket.remotePort ?? 0,
  };
  return new Promise((resolve, reject) => {
    socket.write(proxyHeader(version, endpoints), (error) => (error ? reject(error) : resolve(endpoints)));
  });
}
