import { isIP } from 'node:net';
import type {
  ProbeOutcome,
  ProbeResponse,
  ProbeStage,
  ProbeTargetResult,
  ServersTransportTCPSpec,
} from '@dialtone/shared';
import { buildDialPlan, type DialPlan } from './buildChecks.js';
import { offerClientCertificates } from './clientCertificates.js';
import { dial, systemResolver, type DialResult, type Resolver } from './dialer.js';
import { DEFAULT_PROBE_LIMITS, ProbeLimiter } from './limits.js';
import type { LoadedMaterial } from './material.js';
import { opensslCommand } from './openssl.js';
import { dialNextStep, OUTCOME_TITLES, verdictOf } from './outcomes.js';
import { writeProxyHeader } from './proxyHeader.js';
import { complete, stage } from './stages.js';
import { joinHostPort } from './targetAddress.js';
import type { TargetPolicy } from './targetPolicy.js';
import { runTls } from './tlsChecks.js';
import { transportNotes } from './transportNotes.js';

/** A target ready to dial, or one that could not be turned into an address (reported, never dialled). */
export type PlannedTarget =
  | {
      kind: 'dial';
      target: ProbeTargetResult['target'];
      host: string;
      port: number;
      tls: boolean;
      /** The address (or ExternalName) was read from the cluster with the user's identity. */
      derived: boolean;
      /** How the address was found, when it is worth saying. */
      notes?: string[];
    }
  | {
      kind: 'unresolved';
      target: ProbeTargetResult['target'];
      address: string;
      outcome: ProbeOutcome;
      title: string;
      message: string;
      nextStep: string;
    };

export interface ProbeTransportInput {
  namespace: string;
  /** Set for a saved transport; a draft has none. */
  name?: string;
  /** Undefined when a saved transport does not exist: Traefik's "no transport configuration found". */
  spec: ServersTransportTCPSpec | undefined;
}

export interface EngineOptions {
  policy: TargetPolicy;
  resolver?: Resolver;
  limiter?: ProbeLimiter;
  /** The whole probe, all targets included. */
  deadlineMs?: number;
  /** performance.now() at which the whole request gives up; wins over deadlineMs when set. */
  deadlineAt?: number;
  /** The probe's own TLS handshake limit (Traefik has none). */
  handshakeTimeoutMs?: number;
  /** How long to wait after a TLS 1.3 handshake for the server to reject our certificate. */
  settleMs?: number;
  /** Whether Traefik has its install-time SPIFFE setup; without it every TLS connection of a tls.spiffe transport fails. */
  spiffeConfigured?: boolean;
  /** Where the dials come from, in words for every result; the Dialtone server unless told. */
  dialledFrom?: string;
}

export const DEFAULT_DEADLINE_MS = 10_000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
export const DEFAULT_SETTLE_MS = 150;

function result(
  planned: PlannedTarget,
  address: string,
  outcome: ProbeOutcome,
  fields: Partial<Omit<ProbeTargetResult, 'target' | 'address' | 'outcome'>> & { stages: ProbeStage[] },
): ProbeTargetResult {
  return {
    target: planned.target,
    address,
    verdict: verdictOf(outcome),
    outcome,
    title: fields.title ?? OUTCOME_TITLES[outcome],
    nextStep: fields.nextStep ?? '',
    stages: fields.stages,
    certificates: fields.certificates ?? [],
    ...(fields.tls ? { tls: fields.tls } : {}),
    ...(fields.opensslCommand ? { opensslCommand: fields.opensslCommand } : {}),
    notes: [...(planned.kind === 'dial' ? (planned.notes ?? []) : []), ...(fields.notes ?? [])],
  };
}

/** Said on every result: a pass here is not a pass from Traefik's network position. */
function whereItRan(dialledFrom: string): string {
  return `Dialled from ${dialledFrom}, not from Traefik's pods: their DNS, network policies and egress rules may differ.`;
}

type Settings = Required<Omit<EngineOptions, 'limiter' | 'deadlineAt'>> & { limiter: ProbeLimiter };

/** One dial with the transport's settings, every address checked by the policy. */
function dialTarget(
  planned: Extract<PlannedTarget, { kind: 'dial' }>,
  plan: DialPlan,
  options: Settings,
  deadline: number,
): Promise<DialResult> {
  return dial({
    host: planned.host,
    port: planned.port,
    dialTimeoutMs: plan.dialTimeoutMs,
    keepAliveMs: plan.keepAliveMs,
    deadline,
    check: (address) => options.policy.check(address, planned.port, { derived: planned.derived }),
    resolver: options.resolver,
  });
}

async function probeOne(
  planned: Extract<PlannedTarget, { kind: 'dial' }>,
  plan: DialPlan,
  options: Settings,
  deadline: number,
): Promise<ProbeTargetResult> {
  const stages: ProbeStage[] = [stage('build', 'pass', 'Traefik builds the dialer for this transport.')];
  const shownAddress = joinHostPort(planned.host, planned.port);
  const port = options.policy.portMayBeDialled(planned.port);
  if (!port.allowed) {
    stages.push(stage('connect', 'fail', `Not dialled: ${port.why}.`));
    return result(planned, shownAddress, 'blocked_by_policy', {
      stages: complete(stages, 'Not dialled.'),
      nextStep: dialNextStep('blocked_by_policy', shownAddress, planned.port),
    });
  }
  if (performance.now() >= deadline) {
    stages.push(
      stage('connect', 'fail', "Not dialled: the probe's overall deadline passed before this target's turn."),
    );
    return result(planned, shownAddress, 'tcp_timeout', {
      stages: complete(stages, 'Not dialled.'),
      nextStep: 'Probe fewer targets at once.',
    });
  }
  const dialed = await dialTarget(planned, plan, options, deadline);
  const isName = isIP(planned.host) === 0;
  if (!dialed.ok) {
    const address = dialed.address ? joinHostPort(dialed.address, planned.port) : shownAddress;
    if (dialed.stage === 'resolve') {
      stages.push(stage('resolve', 'fail', dialed.message, dialed.resolveMs ?? dialed.connectMs));
    } else {
      if (isName)
        stages.push(
          stage(
            'resolve',
            'pass',
            `${planned.host} resolved to ${dialed.checked.join(', ')}.`,
            dialed.resolveMs,
          ),
        );
      stages.push(stage('connect', 'fail', dialed.message, dialed.connectMs));
    }
    return result(planned, address, dialed.outcome, {
      stages: complete(
        stages,
        dialed.outcome === 'blocked_by_policy' ? 'Not dialled.' : 'The connection was not established.',
      ),
      nextStep: dialNextStep(dialed.outcome, address, planned.port),
    });
  }
  const socket = dialed.socket;
  const address = joinHostPort(dialed.address, planned.port);
  try {
    return await connected(planned, plan, options, deadline, dialed, stages);
  } catch {
    // Every known way a backend can end a connection has its own verdict; this keeps an unknown one
    // a result about the backend rather than an error of the whole request.
    stages.push(
      stage(
        planned.tls ? 'tls-handshake' : 'connect',
        'fail',
        'The connection ended in a way the probe could not read, so what Traefik would see is unknown.',
      ),
    );
    return result(planned, address, planned.tls ? 'tls_handshake_failed' : 'tcp_failed', {
      stages: complete(stages, 'Not reached.'),
      nextStep: `Test again; if it repeats, run the openssl command against ${address} to see what the backend does.`,
      opensslCommand: opensslCommand(
        dialed.address,
        planned.port,
        plan.tls,
        plan.proxyProtocolVersion !== undefined,
      ),
    });
  } finally {
    socket.destroy();
  }
}

/** The stages after TCP connected: the PROXY header, then TLS when the route says so. */
async function connected(
  planned: Extract<PlannedTarget, { kind: 'dial' }>,
  plan: DialPlan,
  options: Settings,
  deadline: number,
  dialed: Extract<DialResult, { ok: true }>,
  stages: ProbeStage[],
): Promise<ProbeTargetResult> {
  const socket = dialed.socket;
  const address = joinHostPort(dialed.address, planned.port);
  const isName = isIP(planned.host) === 0;
  stages.push(
    isName
      ? stage(
          'resolve',
          'pass',
          `${planned.host} resolved to ${dialed.checked.join(', ')}; every address passed the policy.`,
          dialed.resolveMs,
        )
      : stage('resolve', 'skipped', 'An IP address: nothing to resolve.'),
  );
  const keepAlive =
    plan.keepAliveMs < 0
      ? 'keep-alive off'
      : `keep-alive every ${plan.keepAliveMs === 0 ? 15_000 : plan.keepAliveMs} ms`;
  stages.push(stage('connect', 'pass', `TCP connected to ${address} (${keepAlive}).`, dialed.connectMs));

  const notes: string[] = [];
  if (plan.proxyProtocolVersion) {
    const started = performance.now();
    try {
      const sent = await writeProxyHeader(socket, plan.proxyProtocolVersion);
      stages.push(
        stage(
          'proxy-protocol',
          'pass',
          `Sent a PROXY v${plan.proxyProtocolVersion} header naming ${joinHostPort(sent.sourceAddress, sent.sourcePort)} as the client and ${joinHostPort(sent.destinationAddress, sent.destinationPort)} as the destination: the probe's own connection.`,
          performance.now() - started,
        ),
      );
      notes.push(
        "Traefik sends the PROXY header only for real client connections, and names the client's own connection in it: the address the client came from and the entry point address it reached, not Traefik's connection to the backend. Its health checks send none.",
      );
    } catch {
      stages.push(
        stage(
          'proxy-protocol',
          'fail',
          'The connection closed while the PROXY header was being written.',
          performance.now() - started,
        ),
      );
      return result(planned, address, 'proxy_header_failed', {
        stages: complete(stages, 'The connection closed.'),
        nextStep: 'Check that the backend expects a PROXY protocol header of this version.',
      });
    }
  } else {
    stages.push(stage('proxy-protocol', 'skipped', 'The transport sets no proxyProtocol.'));
  }

  if (!planned.tls) {
    const why = "Traefik uses plain TCP for this backend (the route's services[].tls is false).";
    return result(planned, address, 'ok', {
      title: 'TCP connection established',
      nextStep: "Nothing to fix. If the backend expects TLS, set the route's services[].tls to true.",
      stages: complete(stages, why),
      notes,
    });
  }
  const tlsOptions = {
    deadline,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    settleMs: options.settleMs,
  };
  let tlsResult = await runTls(socket, plan.tls, tlsOptions);
  if (plan.tls.kind === 'tls') {
    tlsResult = await offerClientCertificates(
      plan.tls,
      tlsResult,
      (next) => handshakeAgain(planned, plan, options, deadline, next, tlsOptions),
      deadline,
    );
  }
  stages.push(...tlsResult.stages);
  const verified = plan.tls.kind === 'tls' && !plan.tls.insecureSkipVerify;
  return result(planned, address, tlsResult.outcome, {
    ...(tlsResult.outcome === 'ok'
      ? {
          title: verified ? 'TLS connection verified' : 'TLS connection established',
          nextStep:
            plan.tls.kind === 'tls' && plan.tls.insecureSkipVerify
              ? 'It works, but without verification. Set tls.serverName and tls.rootCAs and turn insecureSkipVerify off.'
              : 'Nothing to fix.',
        }
      : {
          nextStep: tlsResult.failure?.nextStep ?? '',
          ...(tlsResult.title ? { title: tlsResult.title } : {}),
        }),
    stages: complete(stages, 'Not reached.'),
    certificates: tlsResult.certificates,
    ...(tlsResult.tls ? { tls: tlsResult.tls } : {}),
    opensslCommand: opensslCommand(
      dialed.address,
      planned.port,
      plan.tls,
      plan.proxyProtocolVersion !== undefined,
    ),
    notes: [...notes, ...tlsResult.notes],
  });
}

/** A fresh connection to the same target, PROXY header included, shaking hands with `tls`. */
async function handshakeAgain(
  planned: Extract<PlannedTarget, { kind: 'dial' }>,
  plan: DialPlan,
  options: Settings,
  deadline: number,
  tls: DialPlan['tls'],
  tlsOptions: Parameters<typeof runTls>[2],
): Promise<Awaited<ReturnType<typeof runTls>> | undefined> {
  const dialed = await dialTarget(planned, plan, options, deadline);
  if (!dialed.ok) return undefined;
  try {
    if (plan.proxyProtocolVersion) await writeProxyHeader(dialed.socket, plan.proxyProtocolVersion);
    return await runTls(dialed.socket, tls, tlsOptions);
  } catch {
    return undefined;
  } finally {
    dialed.socket.destroy();
  }
}

/**
 * Probes each target the way Traefik would dial it with this transport: the build-time checks once,
 * then resolve, connect, PROXY header and TLS per target, dials sharing a bounded pool and one deadline.
 */
export async function runProbe(
  transport: ProbeTransportInput,
  material: LoadedMaterial,
  targets: readonly PlannedTarget[],
  options: EngineOptions,
): Promise<ProbeResponse> {
  const settings = {
    policy: options.policy,
    resolver: options.resolver ?? systemResolver,
    limiter: options.limiter ?? new ProbeLimiter(DEFAULT_PROBE_LIMITS),
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
    spiffeConfigured: options.spiffeConfigured ?? false,
    dialledFrom: options.dialledFrom ?? 'the Dialtone server',
  };
  const deadline = options.deadlineAt ?? performance.now() + settings.deadlineMs;
  const build = buildDialPlan(transport, material, { spiffeConfigured: settings.spiffeConfigured });
  const results = await Promise.all(
    targets.map(async (planned): Promise<ProbeTargetResult> => {
      if (planned.kind === 'unresolved') {
        return result(planned, planned.address, planned.outcome, {
          title: planned.title,
          nextStep: planned.nextStep,
          stages: complete(
            [
              stage(
                'build',
                build.ok ? 'pass' : 'fail',
                build.ok ? 'Traefik builds the dialer for this transport.' : build.message,
              ),
              stage('resolve', 'fail', planned.message),
            ],
            'Nothing to dial.',
          ),
        });
      }
      if (!build.ok) {
        return result(planned, joinHostPort(planned.host, planned.port), 'build_failed', {
          nextStep: build.nextStep,
          stages: complete(
            [
              stage(
                'build',
                'fail',
                `${build.message}. Traefik fails every service using this transport, plain-TCP ones included.`,
              ),
            ],
            'Traefik never dials: the transport does not build.',
          ),
        });
      }
      return settings.limiter.withDialSlot(() => probeOne(planned, build.plan, settings, deadline));
    }),
  );
  const where = whereItRan(settings.dialledFrom);
  return {
    results: results.map((r) => ({ ...r, notes: [...r.notes, where] })),
    notes: transportNotes(transport.spec, material, build),
  };
}
