import { cidrContains, parseCidrRange, type Cidr } from '../net/index.js';
import { canonicalIp, embeddedIPv4 } from './ipAddress.js';
import { joinHostPort } from './targetAddress.js';

/**
 * Ports that reach control planes, node agents and sidecars rather than workloads: kubelet
 * (10250, 10255), kube-proxy (10249, 10256), kube-controller-manager (10257), kube-scheduler
 * (10259), etcd (2379, 2380, and 2381 for its metrics), the API server (6443), node-exporter (9100),
 * Envoy/Istio admin (15000, 15020). A probe there is more useful to an attacker than to a platform
 * engineer.
 */
export const DENIED_PORTS: readonly number[] = [
  10250, 10255, 10249, 10256, 10257, 10259, 2379, 2380, 2381, 6443, 9100, 15000, 15020,
];

/** Addresses that answer with credentials or host internals: cloud metadata services. */
export const METADATA_ADDRESSES: readonly string[] = [
  '169.254.169.254',
  'fd00:ec2::254',
  '100.100.100.200',
  '169.254.170.2',
];

interface SpecialRange {
  range: Cidr;
  what: string;
}

const SPECIAL: readonly SpecialRange[] = [
  ...METADATA_ADDRESSES.map((a) => ({ range: parseCidrRange(a)!, what: 'a cloud metadata address' })),
  { range: parseCidrRange('127.0.0.0/8')!, what: 'a loopback address' },
  { range: parseCidrRange('::1/128')!, what: 'a loopback address' },
  { range: parseCidrRange('0.0.0.0/8')!, what: 'an unspecified address' },
  { range: parseCidrRange('::/128')!, what: 'an unspecified address' },
  { range: parseCidrRange('169.254.0.0/16')!, what: 'a link-local address' },
  { range: parseCidrRange('fe80::/10')!, what: 'a link-local address' },
  { range: parseCidrRange('224.0.0.0/4')!, what: 'a multicast address' },
  { range: parseCidrRange('ff00::/8')!, what: 'a multicast address' },
  { range: parseCidrRange('255.255.255.255/32')!, what: 'the broadcast address' },
];

export interface TargetPolicyOptions {
  /** `--probe-allow` ranges. An entry naming one exact address also lifts the always-deny list for it. */
  allow?: readonly string[];
  /** Exact `ip:port` pairs, e.g. the demo cluster's own backends on loopback. */
  allowEndpoints?: readonly string[];
  /** Ports refused unless listed in `allowPorts`; DENIED_PORTS when absent. */
  deniedPorts?: readonly number[];
  allowPorts?: readonly number[];
  /**
   * `open`: any address (the command line, run by a person who could dial it anyway). `cluster`:
   * only addresses of Services the user can read, plus the allow list.
   */
  mode?: 'cluster' | 'open';
}

export type PolicyDecision = { allowed: true; why: string } | { allowed: false; why: string };

/** Where an address came from, so the policy can tell cluster-derived addresses from free-form ones. */
export interface AddressContext {
  /**
   * True when the address was read from a Service or EndpointSlice with the user's identity (or
   * resolved from the ExternalName such a Service points to).
   */
  derived: boolean;
}

/**
 * Decides whether the probe may dial an address. It sees only canonical addresses: IPv4-mapped,
 * NAT64 and IPv4-compatible forms are checked as the IPv4 address they carry too.
 */
export class TargetPolicy {
  private readonly allow: Cidr[];
  private readonly exact: Set<string>;
  private readonly endpoints: Set<string>;
  private readonly deniedPorts: Set<number>;
  readonly mode: 'cluster' | 'open';

  constructor(options: TargetPolicyOptions = {}) {
    this.mode = options.mode ?? 'cluster';
    this.allow = [];
    this.exact = new Set();
    for (const entry of options.allow ?? []) {
      const range = parseCidrRange(entry);
      if (!range)
        throw new Error(`"${entry}" is not an address range; write it like 10.0.0.0/8 or fd00::/8.`);
      this.allow.push(range);
      const [address = '', prefix] = entry.split('/');
      const single = prefix === undefined || Number(prefix) === (address.includes(':') ? 128 : 32);
      const canonical = canonicalIp(address);
      if (single && canonical) this.exact.add(canonical);
    }
    this.endpoints = new Set(
      (options.allowEndpoints ?? []).map((e) => {
        const colon = e.lastIndexOf(':');
        const host = e.slice(0, colon).replace(/^\[|\]$/g, '');
        return joinHostPort(canonicalIp(host) ?? host, Number(e.slice(colon + 1)));
      }),
    );
    const allowPorts = new Set(options.allowPorts ?? []);
    this.deniedPorts = new Set((options.deniedPorts ?? DENIED_PORTS).filter((p) => !allowPorts.has(p)));
  }

  checkPort(port: number): PolicyDecision {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return { allowed: false, why: `port ${port} is not valid` };
    if (this.deniedPorts.has(port)) {
      return {
        allowed: false,
        why: `port ${port} belongs to a control plane, node agent or sidecar (kubelet, kube-proxy, the controller manager, the scheduler, etcd, the API server, node-exporter, Envoy/Istio admin) and the probe does not dial it`,
      };
    }
    return { allowed: true, why: 'port allowed' };
  }

  /** Whether a port may be dialled at all, before anything is resolved. */
  portMayBeDialled(port: number): PolicyDecision {
    if (this.mode === 'open') return { allowed: true, why: 'the command line may dial any port' };
    const decision = this.checkPort(port);
    if (decision.allowed) return decision;
    for (const endpoint of this.endpoints)
      if (endpoint.endsWith(`:${port}`)) return { allowed: true, why: 'an allowed endpoint' };
    return decision;
  }

  /** The verdict for one resolved address and port. */
  check(address: string, port: number, context: AddressContext): PolicyDecision {
    const canonical = canonicalIp(address);
    if (!canonical) return { allowed: false, why: `"${address}" is not an IP address` };
    const forms = [canonical];
    const inner = embeddedIPv4(canonical);
    if (inner) forms.push(inner);
    const exactlyAllowed =
      forms.some((f) => this.exact.has(f)) || forms.some((f) => this.endpoints.has(joinHostPort(f, port)));

    if (this.mode === 'open') return { allowed: true, why: 'the command line may dial any address' };
    const portDecision = this.checkPort(port);
    if (!portDecision.allowed && !forms.some((f) => this.endpoints.has(joinHostPort(f, port)))) {
      return portDecision;
    }

    for (const form of forms) {
      const special = SPECIAL.find((s) => cidrContains(s.range, form));
      if (special && !exactlyAllowed) {
        return {
          allowed: false,
          why: `${joinHostPort(canonical, port)} is ${special.what}${form !== canonical ? ` (it carries ${form})` : ''}; only an allow entry naming this exact address permits it`,
        };
      }
    }
    if (exactlyAllowed) return { allowed: true, why: 'named exactly by the allow list' };
    if (context.derived) {
      return { allowed: true, why: 'an address of a Service you can read' };
    }
    if (this.allow.some((range) => forms.some((f) => cidrContains(range, f)))) {
      return { allowed: true, why: 'inside a --probe-allow range' };
    }
    return {
      allowed: false,
      why: `${joinHostPort(canonical, port)} is not an address of a Service you can read, and not inside a --probe-allow range`,
    };
  }
}
