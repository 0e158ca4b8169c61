import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/**
 * Sends a nonce through a Traefik entry point and reports whether it came back from the backend:
 * the only proof that Traefik reached the backend with the transport's settings.
 */
export function nonceRoundTrip(
  address: string,
  timeoutMs = 4000,
): Promise<{ echoed: boolean; nonce: string }> {
  const nonce = `judge-${randomBytes(8).toString('hex')}\n`;
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    let answer = '';
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ echoed: answer.includes(nonce), nonce });
    };
    const socket = connect({ host: host ?? '127.0.0.1', port: Number(port) }, () => socket.write(nonce));
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes(nonce)) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}
