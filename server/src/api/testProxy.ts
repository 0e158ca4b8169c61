import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request to the cluster. */
export type ProxyAction =
  | { kind: 'forward' }
  /** Forward the request, then hold the answer back this long: the cluster commits, the client times out. */
  | { kind: 'delay-response'; ms: number }
  /**
   * Answer 410 Expired, as an API server that compacted its history does: an ERROR event on a watch,
   * a Status on a list (an expired continue token).
   */
  | { kind: 'expire' }
  /** Answer 403, as RBAC does for a service account without the permission. */
  | { kind: 'forbid' };

/**
 * A plain-http proxy in front of the embedded cluster (which it reaches over HTTPS, trusting `ca`), for faults that a healthy cluster never shows:
 * slow answers after a commit, and watches that expire. Everything else passes through unchanged.
 */
export interface FaultProxy {
  url: string;
  decide: (req: IncomingMessage) => ProxyAction;
  /** Ends every open watch stream, as a network blip would. */
  cutWatches(): void;
  /** Resolves once this many watch streams are open. */
  untilWatching(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, ca: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const watches = new Set<ServerResponse>();
  const proxy: FaultProxy = {
    url: '',
    decide: () => ({ kind: 'forward' }),
    cutWatches() {
      for (const res of watches) res.destroy();
      watches.clear();
    },
    async untilWatching(count) {
      while (watches.size < count) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const action = proxy.decide(req);
    const isWatch = /[?&]watch=(true|1)/.test(req.url ?? '');
    if (action.kind === 'forbid') {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message: 'forbidden by the test proxy',
        }),
      );
      return;
    }
    if (action.kind === 'expire') {
      const status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Expired',
        code: 410,
        message: 'too old resource version',
      };
      if (isWatch) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
      } else {
        res.writeHead(410, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status));
      }
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        // The cluster answers only to its own address, as it would behind any proxy that rewrites Host.
        headers: { ...req.headers, host: upstream.host },
        ca,
      },
      (answer) => {
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          // A watch sends its first bytes only at the next event; clients wait for the headers.
          res.flushHeaders();
          answer.pipe(res);
        };
        if (isWatch) {
          watches.add(res);
          res.on('close', () => watches.delete(res));
        }
        if (action.kind === 'delay-response') setTimeout(send, action.ms);
        else send();
      },
    );
    forwarded.on('error', () => res.destroy());
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = proxy.close;
  proxy.close = () => {
    proxy.cutWatches();
    server.closeAllConnections();
    return close();
  };
  return proxy;
}
