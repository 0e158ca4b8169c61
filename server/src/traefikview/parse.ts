import type { TraefikSection, TraefikStatus } from '@dialtone/shared';

/**
 * Traefik's API is read as hostile input: every string is cut to a length a page can show, control
 * and bidirectional characters are removed, lists are capped, and anything of the wrong shape is
 * dropped rather than trusted. React escapes what is left when it renders it.
 */
export const LIMITS = {
  string: 512,
  errors: 20,
  entryPoints: 20,
  serverStatus: 50,
  /** Routers and services kept from one instance. */
  items: 5_000,
} as const;

export interface ParsedRouter {
  name: string;
  provider?: string;
  status: TraefikStatus;
  errors: string[];
  entryPoints: string[];
  rule?: string;
  service?: string;
}

export interface ParsedService {
  name: string;
  provider?: string;
  status: TraefikStatus;
  errors: string[];
  /** `loadBalancer.serversTransport` as Traefik holds it (relative to the provider when unqualified). */
  serversTransport?: string;
  /** `weighted.services[].name`: the children of a route entry with several services. */
  children: string[];
  serverStatus?: Record<string, string>;
}

export class TraefikShapeError extends Error {}

// C0 and C1 controls, and the bidirectional overrides that can make a name read as another.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = value.replace(UNSAFE, ' ');
  return cleaned.length > LIMITS.string ? `${cleaned.slice(0, LIMITS.string)}…` : cleaned;
}

function cleanStrings(value: unknown, max: number): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const s = cleanString(item);
    if (s !== undefined) out.push(s);
    if (out.length >= max) break;
  }
  return out;
}

function statusOf(value: unknown): TraefikStatus {
  // An unknown status is not "all good": Traefik only ever writes these three.
  return value === 'enabled' || value === 'warning' || value === 'disabled' ? value : 'disabled';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new TraefikShapeError(`${what} is not a JSON array`);
  return value.filter(isRecord);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** `GET /api/tcp/routers`: an array of router representations. */
export function parseRouters(value: unknown): ParsedRouter[] {
  return listOf(value, '/api/tcp/routers')
    .slice(0, LIMITS.items)
    .flatMap((r) => {
      const name = cleanString(r['name']);
      if (!name) return [];
      return [
        {
          name,
          ...optional('provider', cleanString(r['provider'])),
          status: statusOf(r['status']),
          errors: cleanStrings(r['error'], LIMITS.errors),
          entryPoints: cleanStrings(r['entryPoints'], LIMITS.entryPoints),
          ...optional('rule', cleanString(r['rule'])),
          ...optional('service', cleanString(r['service'])),
        },
      ];
    });
}

/** `GET /api/tcp/services`: an array of service representations. */
export function parseServices(value: unknown): ParsedService[] {
  return listOf(value, '/api/tcp/services')
    .slice(0, LIMITS.items)
    .flatMap((s) => {
      const name = cleanString(s['name']);
      if (!name) return [];
      const loadBalancer = isRecord(s['loadBalancer']) ? s['loadBalancer'] : {};
      const weighted = isRecord(s['weighted']) ? s['weighted'] : {};
      const children = (Array.isArray(weighted['services']) ? weighted['services'] : [])
        .filter(isRecord)
        .map((child) => cleanString(child['name']))
        .filter((n): n is string => n !== undefined)
        .slice(0, LIMITS.items);
      return [
        {
          name,
          ...optional('provider', cleanString(s['provider'])),
          status: statusOf(s['status']),
          errors: cleanStrings(s['error'], LIMITS.errors),
          ...optional('serversTransport', cleanString(loadBalancer['serversTransport']) || undefined),
          children,
          ...optional('serverStatus', serverStatusOf(s['serverStatus'])),
        },
      ];
    });
}

function serverStatusOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [address, state] of Object.entries(value).slice(0, LIMITS.serverStatus)) {
    const key = cleanString(address);
    const text = cleanString(state);
    if (key !== undefined && text !== undefined && key !== '__proto__') out[key] = text;
  }
  return out;
}

/** `GET /api/version`: `{ Version, Codename, startDate }`. */
export function parseVersion(value: unknown): string {
  if (!isRecord(value)) throw new TraefikShapeError('/api/version is not a JSON object');
  const version = cleanString(value['Version']);
  if (!version) throw new TraefikShapeError('/api/version has no Version');
  return version.slice(0, 64);
}

/** The TCP part of `GET /api/overview`; undefined when the shape is not Traefik's. */
export function parseOverview(
  value: unknown,
): { routers: TraefikSection; services: TraefikSection } | undefined {
  if (!isRecord(value) || !isRecord(value['tcp'])) return undefined;
  const tcp = value['tcp'];
  const section = (v: unknown): TraefikSection | undefined => {
    if (!isRecord(v)) return undefined;
    const n = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
    return { total: n(v['total']), warnings: n(v['warnings']), errors: n(v['errors']) };
  };
  const routers = section(tcp['routers']);
  const services = section(tcp['services']);
  return routers && services ? { routers, services } : undefined;
}
