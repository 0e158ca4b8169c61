import {
  effectiveValues,
  spiffeIdProblem,
  traefikTransportId,
  trustDomainName,
  trustDomainProblem,
  type ServersTransportTCPSpec,
} from '@dialtone/shared';
import type { LoadedMaterial } from './material.js';
import { prepareTls, type PreparedTls } from './tlsMaterial.js';

/** What Traefik's DialerManager.Build would give this transport, ready to dial with. */
export interface DialPlan {
  /** Negative: every dial fails at once; 0: no dial deadline. */
  dialTimeoutMs: number;
  /** Negative: keep-alive off; 0: Go's default of 15 s. */
  keepAliveMs: number;
  proxyProtocolVersion?: 1 | 2;
  tls: TlsPlan;
}

export type TlsPlan =
  /** No tls.Config: Go's defaults fail every handshake for lack of ServerName or InsecureSkipVerify. */
  | { kind: 'none' }
  | {
      kind: 'tls';
      serverName: string;
      insecureSkipVerify: boolean;
      peerCertURI: string;
      prepared: PreparedTls;
    }
  | {
      kind: 'spiffe';
      ids: string[];
      trustDomain: string;
      /** Traefik has its SPIFFE setup; without it v3.7.9 builds the dialer anyway and every handshake fails. */
      workloadApi: boolean;
    };

export interface BuildOptions {
  /** Whether Traefik has its install-time SPIFFE setup (the workload API); Traefik's default is not. */
  spiffeConfigured?: boolean;
}

export type BuildResult = { ok: true; plan: DialPlan } | { ok: false; message: string; nextStep: string };

/**
 * The checks Traefik runs when it builds a dialer, before any connection, so they break plain-TCP
 * backends too: a missing transport, an unknown PROXY version, SPIFFE syntax, and SPIFFE mixed with
 * other TLS fields. Traefik v3.7.9 also means to refuse SPIFFE without its own SPIFFE setup, but that
 * check compares an interface holding a nil pointer with nil and never fires, so it is not here.
 */
export function buildDialPlan(
  transport: { namespace: string; name?: string; spec: ServersTransportTCPSpec | undefined },
  material: LoadedMaterial,
  options: BuildOptions = {},
): BuildResult {
  const spec = transport.spec;
  if (!spec) {
    const id = traefikTransportId(transport.namespace, transport.name ?? '');
    return {
      ok: false,
      message: `no transport configuration found for "${id}"`,
      nextStep: `Create ServersTransportTCP ${transport.namespace}/${transport.name ?? ''}, or fix the name the route refers to.`,
    };
  }
  const tls = spec.tls;
  const emptyRootCA = (Array.isArray(tls?.rootCAs) ? tls.rootCAs : []).findIndex(
    (r) => !r || (typeof r.secret !== 'string' && typeof r.configMap !== 'string'),
  );
  if (emptyRootCA !== -1) {
    return {
      ok: false,
      message: `tls.rootCAs[${emptyRootCA}] names neither a secret nor a configMap: Traefik's kubernetescrd provider panics on it and stops publishing configuration for every resource.`,
      nextStep: `Set secret: <name> or configMap: <name> on tls.rootCAs[${emptyRootCA}], or remove it.`,
    };
  }
  const values = effectiveValues(spec);
  const plan: DialPlan = {
    dialTimeoutMs: values.dialTimeout.milliseconds,
    keepAliveMs: values.dialKeepAlive.milliseconds,
    tls: { kind: 'none' },
  };
  if (spec.proxyProtocol) {
    const version = spec.proxyProtocol.version ?? 0;
    if (version !== 1 && version !== 2) {
      return {
        ok: false,
        message: `unknown proxyProtocol version: ${String(version)}`,
        nextStep: 'Set proxyProtocol.version to 1 (text header) or 2 (binary header).',
      };
    }
    plan.proxyProtocolVersion = version;
  }
  if (!tls) return { ok: true, plan };

  // Traefik looks at what loaded, not at what the spec names: a CA whose Secret is missing does not count.
  const triggers: string[] = [];
  if (tls.insecureSkipVerify === true) triggers.push('insecureSkipVerify');
  if (material.cas.length > 0) triggers.push('rootCAs');
  if (tls.serverName) triggers.push('serverName');
  if (material.certificates.length > 0) triggers.push('certificatesSecrets');
  if (tls.peerCertURI) triggers.push('peerCertURI');

  // Traefik's order: the authorizer, then the mix with other TLS fields.
  if (tls.spiffe) {
    const ids = Array.isArray(tls.spiffe.ids) ? tls.spiffe.ids.filter((i) => typeof i === 'string') : [];
    for (const id of ids) {
      const problem = spiffeIdProblem(id);
      if (problem) {
        return {
          ok: false,
          message: `unable to build SPIFFE authorizer: "${id}" is not a valid SPIFFE ID: ${problem}`,
          nextStep: 'Write each ID as spiffe://trust.domain/path, with a lowercase trust domain.',
        };
      }
    }
    const trustDomain = typeof tls.spiffe.trustDomain === 'string' ? tls.spiffe.trustDomain : '';
    if (ids.length === 0 && trustDomain !== '') {
      const problem = trustDomainProblem(trustDomain);
      if (problem) {
        return {
          ok: false,
          message: `unable to build SPIFFE authorizer: invalid SPIFFE trust domain: ${problem}`,
          nextStep:
            'Use a lowercase trust domain such as example.org, or a whole valid SPIFFE ID such as spiffe://example.org/ns/demo.',
        };
      }
    }
    if (triggers.length > 0) {
      return {
        ok: false,
        message: 'TLS and SPIFFE configuration cannot be defined at the same time',
        nextStep: `Remove ${triggers.join(', ')} to use SPIFFE, or remove tls.spiffe.`,
      };
    }
    plan.tls = {
      kind: 'spiffe',
      ids,
      trustDomain: trustDomain === '' ? '' : trustDomainName(trustDomain),
      workloadApi: options.spiffeConfigured === true,
    };
    return { ok: true, plan };
  }
  if (triggers.length > 0) {
    plan.tls = {
      kind: 'tls',
      serverName: tls.serverName ?? '',
      insecureSkipVerify: tls.insecureSkipVerify === true,
      peerCertURI: tls.peerCertURI ?? '',
      prepared: prepareTls(material),
    };
  }
  return { ok: true, plan };
}
