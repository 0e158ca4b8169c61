import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Bounds {
  /** The whole exchange, headers and body, must finish within this. */
  timeoutMs: number;
  maxBytes: number;
}

export interface BoundedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A read that failed, worded for the page: what happened and what to do. */
export class TraefikReadError extends Error {}

/**
 * One GET with a deadline and a size cap, neither of which a slow or flooding server can stretch:
 * the socket is destroyed at the deadline and as soon as the body passes the cap. Redirects are not
 * followed, so a configured URL cannot be bounced elsewhere.
 */
export function boundedGet(url: URL, options: RequestOptions, bounds: Bounds): Promise<BoundedAnswer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, answer?: BoundedAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const timer = setTimeout(
      () =>
        finish(
          new TraefikReadError(
            `${url.pathname} did not answer within ${durationOf(bounds.timeoutMs)}; check that the address is Traefik's API entry point and that Traefik is not overloaded`,
          ),
        ),
      bounds.timeoutMs,
    );
    const request = send(url, { ...options, method: 'GET' }, (res) => {
      const declared = Number(res.headers['content-length'] ?? '0');
      if (declared > bounds.maxBytes) {
        finish(tooLarge(url, bounds));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > bounds.maxBytes) finish(tooLarge(url, bounds));
        else chunks.push(chunk);
      });
      res.on('end', () =>
        finish(undefined, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (error) => finish(new TraefikReadError(`${url.pathname}: ${error.message}`)));
    });
    request.on('error', (error) =>
      finish(new TraefikReadError(`cannot reach ${url.host}: ${error.message}`)),
    );
    request.end();
  });
}

function tooLarge(url: URL, bounds: Bounds): TraefikReadError {
  return new TraefikReadError(
    `${url.pathname} answered with more than ${sizeOf(bounds.maxBytes)}, more than Dialtone reads; check that the address is Traefik's API`,
  );
}

/** `5 s`, or `300 ms` for a deadline under a second, which rounding would show as 0 s. */
export function durationOf(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
