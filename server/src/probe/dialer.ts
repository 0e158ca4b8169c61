import { lookup as dnsLookup } from 'node:dns/promises';
import { connect, isIP, type LookupFunction, type Socket } from 'node:net';
import { canonicalIp } from './ipAddress.js';
import type { PolicyDecision } from './targetPolicy.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a name to every address it has; injected so tests can play DNS rebinding. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface DialRequest {
  host: string;
  port: number;
  /** Traefik's dialTimeout: negative fails at once, 0 means none; it covers resolution and connect. */
  dialTimeoutMs: number;
  keepAliveMs: number;
  /** performance.now() after which the probe gives up, whatever Traefik would do. */
  deadline: number;
  /** The policy, asked about every address before it can be dialled. */
  check: (address: string) => PolicyDecision;
  resolver: Resolver;
}

export type DialFailure = 'blocked_by_policy' | 'dns_failed' | 'tcp_refused' | 'tcp_timeout' | 'tcp_failed';

export interface DialTimings {
  /** Undefined when nothing was resolved (an IP literal, or a dial that never started). */
  resolveMs?: number;
  connectMs?: number;
}

export type DialResult =
  | ({ ok: true; socket: Socket; address: string; checked: string[] } & DialTimings)
  | ({
      ok: false;
      stage: 'resolve' | 'connect';
      outcome: DialFailure;
      message: string;
      /** The probe's own deadline fired, not Traefik's dialTimeout. */
      probeDeadline: boolean;
      address?: string;
      checked: string[];
    } & DialTimings);

class BlockedError extends Error {
  readonly code = 'EPROBEBLOCKED';
}

const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ENODATA',
  'ESERVFAIL',
  'ENONAME',
  'EAI_NONAME',
]);

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : '';
}

/**
 * Connects like Go's net.Dialer with Traefik's settings. Every address is checked by the policy in
 * the one place it can be dialled: an IP literal before connect, a name inside the socket's lookup,
 * so the address checked is the address dialled and no code path can skip the check. A name is
 * resolved once; if any of its addresses is refused, none is dialled.
 */
export function dial(request: DialRequest): Promise<DialResult> {
  const started = performance.now();
  const checked: string[] = [];
  if (request.dialTimeoutMs < 0) {
    return Promise.resolve({
      ok: false,
      stage: 'connect',
      outcome: 'tcp_timeout',
      message: 'dial tcp: i/o timeout. dialTimeout is negative, which Go treats as a deadline already past.',
      probeDeadline: false,
      checked,
    });
  }
  if (isIP(request.host)) {
    const address = canonicalIp(request.host)!;
    const decision = request.check(address);
    checked.push(address);
    if (!decision.allowed) {
      return Promise.resolve({
        ok: false,
        stage: 'connect',
        outcome: 'blocked_by_policy',
        message: `Not dialled: ${decision.why}.`,
        probeDeadline: false,
        address,
        checked,
      });
    }
  }

  return new Promise<DialResult>((resolve) => {
    let resolveMs: number | undefined;
    let resolving = false;
    let settled = false;
    let resolution: Promise<ResolvedAddress[]> | undefined;

    const guardedLookup: LookupFunction = (hostname, options, callback) => {
      resolving = true;
      const lookupStarted = performance.now();
      // Node may ask again (e.g. Happy Eyeballs); the first answer stands, so a rebinding DNS cannot change it.
      resolution ??= request.resolver(hostname);
      resolution.then(
        (answers) => {
          resolveMs = performance.now() - lookupStarted;
          resolving = false;
          const list: ResolvedAddress[] = [];
          for (const answer of answers) {
            const address = canonicalIp(answer.address);
            if (!address) continue;
            const decision = request.check(address);
            checked.push(address);
            if (!decision.allowed) {
              // What a name resolves to inside the cluster network is itself what the policy protects.
              callback(
                new BlockedError(
                  `${hostname} resolves to an address the probe's target policy blocks (the address is not shown); ` +
                    'if it should be reachable, an administrator can allow it with --probe-allow',
                ),
                '',
                4,
              );
              return;
            }
            list.push({ address, family: isIP(address) === 6 ? 6 : 4 });
          }
          if (list.length === 0) {
            callback(
              Object.assign(new Error(`lookup ${hostname}: no such host`), { code: 'ENOTFOUND' }),
              '',
              4,
            );
            return;
          }
          if (typeof options === 'object' && options.all) callback(null, list);
          else callback(null, list[0]!.address, list[0]!.family);
        },
        (error: unknown) => {
          resolveMs = performance.now() - lookupStarted;
          resolving = false;
          const code = errorCode(error) || 'ENOTFOUND';
          callback(Object.assign(new Error(`lookup ${hostname}: ${code}`), { code }), '', 4);
        },
      );
    };

    const keepAlive = request.keepAliveMs >= 0;
    const socket = connect({
      host: request.host,
      port: request.port,
      lookup: guardedLookup,
      keepAlive,
      keepAliveInitialDelay: keepAlive ? (request.keepAliveMs === 0 ? 15_000 : request.keepAliveMs) : 0,
      noDelay: true,
    });

    const finish = (result: DialResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('connect');
      socket.removeAllListeners('error');
      // A reset between connect and the next stage must not become an uncaught 'error' event.
      socket.on('error', () => undefined);
      if (!result.ok) socket.destroy();
      resolve(result);
    };
    const timings = (): DialTimings => {
      const total = performance.now() - started;
      return resolveMs === undefined
        ? { connectMs: total }
        : { resolveMs, connectMs: Math.max(0, total - resolveMs) };
    };

    const remaining = request.deadline - performance.now();
    const traefikLimit = request.dialTimeoutMs > 0 ? request.dialTimeoutMs : Infinity;
    const limit = Math.max(0, Math.min(traefikLimit, remaining));
    const timer = setTimeout(() => {
      const probeDeadline = limit < traefikLimit;
      const stage = resolving ? 'resolve' : 'connect';
      const what = stage === 'resolve' ? `lookup ${request.host}` : 'dial tcp';
      finish({
        ok: false,
        stage,
        outcome: stage === 'resolve' ? 'dns_failed' : 'tcp_timeout',
        message: probeDeadline
          ? `${what}: no answer within the probe's ${Math.round(limit)} ms. ${request.dialTimeoutMs === 0 ? 'dialTimeout is 0, so Traefik would wait until the operating system gives up (about two minutes on Linux).' : 'Traefik would wait up to its dialTimeout.'}`
          : `${what}: i/o timeout (dialTimeout ${request.dialTimeoutMs} ms)`,
        probeDeadline,
        checked,
        ...timings(),
      });
    }, limit);

    socket.once('connect', () => {
      const remote = canonicalIp(socket.remoteAddress ?? '');
      // Belt and braces: the peer must be one of the addresses the policy saw.
      if (!remote || !checked.includes(remote)) {
        finish({
          ok: false,
          stage: 'connect',
          outcome: 'blocked_by_policy',
          message: 'Not dialled: the connected address was not the one the policy checked.',
          probeDeadline: false,
          checked,
          ...timings(),
        });
        return;
      }
      finish({ ok: true, socket, address: remote, checked, ...timings() });
    });
    socket.once('error', (error: Error) => {
      const code = errorCode(error);
      const t = timings();
      if (error instanceof BlockedError || code === 'EPROBEBLOCKED') {
        finish({
          ok: false,
          stage: 'resolve',
          outcome: 'blocked_by_policy',
          message: `Not dialled: ${error.message}.`,
          probeDeadline: false,
          checked,
          ...t,
        });
      } else if (DNS_CODES.has(code) || (resolveMs !== undefined && checked.length === 0)) {
        finish({
          ok: false,
          stage: 'resolve',
          outcome: 'dns_failed',
          message: `lookup ${request.host}: no such host (${code || 'no address'}). Nothing was dialled.`,
          probeDeadline: false,
          checked,
          ...t,
        });
      } else if (code === 'ECONNREFUSED') {
        finish({
          ok: false,
          stage: 'connect',
          outcome: 'tcp_refused',
          message: 'dial tcp: connect: connection refused',
          probeDeadline: false,
          checked,
          ...t,
        });
      } else if (code === 'ETIMEDOUT') {
        finish({
          ok: false,
          stage: 'connect',
          outcome: 'tcp_timeout',
          message: 'dial tcp: connect: connection timed out',
          probeDeadline: false,
          checked,
          ...t,
        });
      } else if (code === 'ECONNRESET') {
        finish({
          ok: false,
          stage: 'connect',
          outcome: 'tcp_failed',
          message:
            'dial tcp: read: connection reset by peer (the backend reset the connection as it was accepted)',
          probeDeadline: false,
          checked,
          ...t,
        });
      } else {
        const known = ['EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EADDRNOTAVAIL', 'EACCES', 'EPERM'];
        finish({
          ok: false,
          stage: 'connect',
          outcome: 'tcp_failed',
          message: `dial tcp: ${known.includes(code) ? code : 'the connection failed'}`,
          probeDeadline: false,
          checked,
          ...t,
        });
      }
    });
  });
}
