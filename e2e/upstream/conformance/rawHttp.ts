import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface RawResponse {
  /** 0 when the server sent no complete answer before the deadline. */
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  /** Sent as JSON unless it is already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export type RawHttp = (method: string, path: string, request?: RawRequest) => Promise<RawResponse>;

/**
 * Plain HTTP(S) requests with the kubeconfig's server, CA and credentials, for what the clients hide:
 * content negotiation, response headers, bodies a client would refuse to send.
 */
export function rawHttp(kubeConfig: KubeConfig): RawHttp {
  const server = kubeConfig.getCurrentCluster()?.server.replace(/\/$/, '');
  if (!server) throw new Error('the kubeconfig has no current cluster; set current-context');
  return async (method, path, request = {}) => {
    const url = new URL(server + path);
    const options: https.RequestOptions = { method, headers: {} };
    await kubeConfig.applyToHTTPSOptions(options);
    const body =
      request.body === undefined || typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
    options.headers = {
      ...options.headers,
      'Content-Type': 'application/json',
      ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
      ...request.headers,
    };
    const send = url.protocol === 'https:' ? https.request : http.request;
    const response = await new Promise<Omit<RawResponse, 'json'>>((resolve, reject) => {
      const req = send(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: toHeaders(res.headers),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.setTimeout(request.timeoutMs ?? 20_000, () => {
        req.destroy();
        resolve({ status: 0, headers: new Headers(), text: '' });
      });
      req.on('error', reject);
      req.end(body);
    });
    return { ...response, json: parseJson(response.text) };
  };
}

function toHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, one);
    }
  }
  return headers;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
