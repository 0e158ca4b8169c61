import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './httpError.js';

/** Which Host headers the dashboard answers: a defence against DNS rebinding. */
export interface HostPolicy {
  /** Names of the bound address (`127.0.0.1`, `localhost`, `[::1]`, `--host`): valid with the port served. */
  bound: readonly string[];
  /** `--allowed-host` names, reached through a proxy whose port Dialtone cannot know: valid with any port. */
  allowed: readonly string[];
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'] as const;

/** Lower case, brackets of an IPv6 literal removed, trailing dot of a fully qualified name removed. */
function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function splitHost(header: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header);
  if (!match) return undefined;
  return { name: normalize(match[1]!), port: match[2] === undefined ? undefined : Number(match[2]) };
}

function listed(names: readonly string[]): string {
  return names.map((n) => (isIP(n) === 6 ? `[${n}]` : n)).join(', ');
}

/**
 * A page whose name an attacker rebinds to 127.0.0.1 is same-origin with itself, so Origin and
 * CSRF checks pass; only the Host header still names the attacker's site. Requests for any other
 * name get 421 Misdirected Request. The port must be the one the connection arrived on, since
 * another local service on another port is a different origin.
 */
export function hostCheck(policy: HostPolicy) {
  const bound = new Set(policy.bound.map(normalize));
  const allowed = new Set(policy.allowed.map(normalize));
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.host ?? '';
    const host = splitHost(header);
    if (host) {
      if (allowed.has(host.name)) return next();
      const port = req.socket.localPort;
      const portMatches = host.port === undefined ? port === 80 : host.port === port;
      if (bound.has(host.name) && portMatches) return next();
    }
    sendError(
      res,
      421,
      'misdirected_host',
      `This Dialtone answers only to ${listed([...bound])} on port ${req.socket.localPort}` +
        (allowed.size > 0 ? ` and to ${listed([...allowed])}` : '') +
        `, not to "${header.slice(0, 200)}". Open it by one of those names, or, if it is reached ` +
        'through a proxy or DNS name of your own, start it with --allowed-host NAME for that name.',
    );
  };
}
