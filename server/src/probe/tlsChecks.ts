import type { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { ProbeCertificate, ProbeOutcome, ProbeStage } from '@dialtone/shared';
import type { TlsPlan } from './buildChecks.js';
import { chainFromPool, dnsSans, peerChain, summarize, uriSans, verifyHostname } from './certificates.js';
import { printable } from './targetAddress.js';
import { GO_CLIENT_OFFER, hostnameInSNI } from './goTls.js';
import { handshakeFailure, silentRefusal } from './handshakeErrors.js';
import { spiffeIdentity } from './spiffeCheck.js';
import { stage } from './stages.js';

export interface TlsCheckOptions {
  /** performance.now() after which the probe gives up. */
  deadline: number;
  /** The probe's own handshake limit; Traefik has none. */
  handshakeTimeoutMs: number;
  /** TLS 1.3 lets the server reject a client certificate after our handshake is done; wait this long for that. */
  settleMs: number;
}

export interface TlsCheckResult {
  stages: ProbeStage[];
  outcome: ProbeOutcome;
  /** When the outcome's usual title would mislead. */
  title?: string;
  /** Set when a check failed: Traefik's own words where it has them. */
  failure?: { message: string; nextStep: string };
  certificates: ProbeCertificate[];
  tls?: { protocol: string; cipher: string };
  notes: string[];
}

const CHAIN_ERRORS: Readonly<Record<string, { outcome: ProbeOutcome; go: string }>> = {
  CERT_HAS_EXPIRED: { outcome: 'cert_expired', go: 'x509: certificate has expired or is not yet valid' },
  CERT_NOT_YET_VALID: {
    outcome: 'cert_not_yet_valid',
    go: 'x509: certificate has expired or is not yet valid',
  },
};

function chainVerdict(
  authorizationError: unknown,
  plan: Extract<TlsPlan, { kind: 'tls' }>,
): { ok: boolean; outcome: ProbeOutcome; message: string } {
  const where =
    plan.prepared.trust === 'system'
      ? "the system roots (no CA loaded; Node's bundled Mozilla list stands in for the operating system's store Traefik reads)"
      : `the ${plan.prepared.caCount} loaded CA certificate${plan.prepared.caCount === 1 ? '' : 's'}, each a trust anchor as in Go`;
  if (plan.prepared.trust === 'empty-pool') {
    return {
      ok: false,
      outcome: 'cert_untrusted',
      message:
        'x509: certificate signed by unknown authority. The CAs loaded, but none holds a PEM certificate, so the pool trusts nothing.',
    };
  }
  const error = authorizationError;
  if (!error) return { ok: true, outcome: 'ok', message: `The chain verifies against ${where}.` };
  const code = typeof error === 'string' ? error : ((error as { code?: string }).code ?? String(error));
  const known = CHAIN_ERRORS[code];
  if (known) return { ok: false, outcome: known.outcome, message: `${known.go} (checked against ${where})` };
  return {
    ok: false,
    outcome: 'cert_untrusted',
    message: `x509: certificate signed by unknown authority (checked against ${where})`,
  };
}

/** What a completed handshake established, read at once: Node forgets it when the socket closes. */
interface Snapshot {
  protocol: string;
  cipher: string;
  authorizationError: unknown;
  chain: X509Certificate[];
  /** The backend sent a CertificateRequest: OpenSSL shares signature algorithms with a client only then. */
  askedForCertificate: boolean;
}

function snapshot(tlsSocket: TLSSocket, plan: TlsPlan): Snapshot {
  const cipher = tlsSocket.getCipher() as { standardName?: string; name?: string } | null;
  const authorizationError: unknown = tlsSocket.authorizationError;
  // Node gives the peer certificate once per socket, either as X509Certificate or as the detailed chain.
  const verified = plan.kind === 'tls' && plan.prepared.trust !== 'empty-pool' && !authorizationError;
  let chain: X509Certificate[];
  if (verified) {
    const peer = tlsSocket.getPeerX509Certificate();
    chain = peer ? chainFromPool(peer, plan.prepared.roots) : [];
  } else {
    chain = peerChain(tlsSocket.getPeerCertificate(true));
  }
  return {
    protocol: tlsSocket.getProtocol() ?? 'unknown',
    cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
    authorizationError,
    chain,
    askedForCertificate: tlsSocket.getSharedSigalgs().length > 0,
  };
}

/** Whether the backend's certificate arrived before the handshake failed (then it objected to us). */
function peerSent(tlsSocket: TLSSocket): boolean {
  try {
    return tlsSocket.getPeerX509Certificate() !== undefined;
  } catch {
    return false;
  }
}

/**
 * After a TLS 1.3 handshake: a late alert (the backend refusing our certificate), a close, or quiet.
 * A session ticket ends the wait early unless the backend asked for a certificate: an application
 * may still refuse it after the session is set up.
 */
function waitForSettle(
  socket: TLSSocket,
  ms: number,
  untilQuiet: boolean,
): Promise<{ closed: boolean; error?: unknown }> {
  if (socket.destroyed) return Promise.resolve({ closed: true });
  if (ms <= 0) return Promise.resolve({ closed: false });
  return new Promise((resolve) => {
    const done = (value: { closed: boolean; error?: unknown }) => {
      clearTimeout(timer);
      socket.off('session', onSession);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off('end', onClose);
      resolve(value);
    };
    const onSession = () => done({ closed: false });
    const onError = (error: unknown) => done({ closed: true, error });
    const onClose = () => done({ closed: true });
    const timer = setTimeout(() => done({ closed: false }), ms);
    if (!untilQuiet) socket.once('session', onSession);
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.once('end', onClose);
  });
}

const SPIFFE_UNVERIFIABLE = {
  message:
    "Traefik verifies the backend's SVID against the trust bundle from its SPIFFE workload API and presents its own SVID; the probe has neither.",
  nextStep:
    "What the probe can check passed. To be sure, test from a pod with Traefik's SPIFFE identity, or read Traefik's log for this service.",
};

/** A SPIFFE backend that refused the probe for want of a client SVID: Traefik has one, the probe has not. */
function spiffeWantsClientSvid(
  message: string,
  durationMs: number,
  certificates: ProbeCertificate[],
  notes: string[],
): TlsCheckResult {
  const said = `${message}. The backend wants a client SVID; Traefik presents its own from the workload API, the probe has none.`;
  return {
    stages: [
      stage('tls-handshake', 'fail', said, durationMs),
      stage('chain', 'skipped', 'The handshake did not complete.'),
      stage('host-name', 'skipped', 'SPIFFE checks the SPIFFE ID, not a host name.'),
      stage('peer-identity', 'skipped', 'The handshake did not complete.'),
    ],
    outcome: 'spiffe_unverifiable',
    failure: { message: said, nextStep: SPIFFE_UNVERIFIABLE.nextStep },
    certificates,
    notes,
  };
}

/**
 * Traefik v3.7.9 without its SPIFFE setup: its check for a missing SPIFFE source never fires (the
 * interface holds a nil pointer), so the router is built with no error, and every handshake then
 * dereferences the nil source while verifying the backend's certificate. Nothing the backend does
 * changes that, so the probe does not shake hands.
 */
function spiffeWithoutSource(notes: string[]): TlsCheckResult {
  const message =
    "Traefik v3.7.9 accepts this transport and reports no error although it has no SPIFFE setup (spiffe.workloadAPIAddr), but every TLS connection through it fails: the handshake stops when Traefik verifies the backend's certificate with the SPIFFE source it does not have (its log shows a recovered nil pointer dereference).";
  return {
    stages: [
      stage('tls-handshake', 'fail', message),
      stage('chain', 'skipped', 'Traefik never gets past the SPIFFE source.'),
      stage('host-name', 'skipped', 'SPIFFE checks the SPIFFE ID, not a host name.'),
      stage('peer-identity', 'skipped', 'Traefik never gets past the SPIFFE source.'),
    ],
    outcome: 'tls_handshake_failed',
    title: 'Every TLS connection fails: Traefik has no SPIFFE setup',
    failure: {
      message,
      nextStep:
        "Configure spiffe.workloadAPIAddr in Traefik's static configuration (and run a SPIFFE agent it can reach), or remove tls.spiffe and verify the backend with the other tls fields. If this Traefik already has it, start Dialtone with --traefik-spiffe.",
    },
    certificates: [],
    notes,
  };
}

function pairNames(cert: X509Certificate): string {
  const names = dnsSans(cert)
    .slice(0, 5)
    .map((n) => printable(n, 100));
  return names.length > 0 ? names.join(', ') : 'no DNS names';
}

const MAX_ID = 200;

const SAFE_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * The TLS half of Traefik's dial: `tls.Client(conn, config).Handshake()` with Go's rules replayed in
 * Node. Verification runs after the handshake so every check can report separately, and the outcome
 * is the first failure in Go's order (validity, host name, chain), which is the error Traefik logs.
 */
export async function runTls(
  socket: Socket,
  plan: TlsPlan,
  options: TlsCheckOptions,
): Promise<TlsCheckResult> {
  const notes: string[] = [];
  const skippedRest = (why: string): ProbeStage[] => [
    stage('chain', 'skipped', why),
    stage('host-name', 'skipped', why),
    stage('peer-identity', 'skipped', why),
  ];
  const noConfig =
    plan.kind === 'none' || (plan.kind === 'tls' && plan.serverName === '' && !plan.insecureSkipVerify);
  if (noConfig) {
    const message =
      'TLS handshake failed: tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config';
    return {
      stages: [stage('tls-handshake', 'fail', message), ...skippedRest('No handshake took place.')],
      outcome: 'tls_config_invalid',
      failure: {
        message,
        nextStep:
          plan.kind === 'none'
            ? "The transport builds no TLS configuration. Set tls.serverName to the name in the backend's certificate."
            : "Traefik never takes the server name from the backend address. Set tls.serverName to the name in the backend's certificate.",
      },
      certificates: [],
      notes,
    };
  }

  if (plan.kind === 'spiffe' && !plan.workloadApi) return spiffeWithoutSource(notes);

  const serverName = plan.kind === 'tls' ? plan.serverName : '';
  const sni = hostnameInSNI(serverName);
  const started = performance.now();
  const limit = Math.max(0, Math.min(options.handshakeTimeoutMs, options.deadline - started));
  const tlsSocket = tlsConnect({
    socket,
    ...(plan.kind === 'tls' ? { secureContext: plan.prepared.secureContext } : GO_CLIENT_OFFER),
    ...(sni ? { servername: sni } : {}),
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  });
  // Errors the stages below do not wait for (a late alert, a reset) must not become unhandled.
  tlsSocket.on('error', () => undefined);
  // Whether the backend sent a CertificateRequest, noted while the socket still knows: a backend that
  // refuses our certificate with a bare hang-up leaves nothing else to tell it from any other reset.
  // Key material is derived only after the request would have been read, in TLS 1.2 and 1.3 alike.
  let askedForCertificate = false;
  tlsSocket.on('keylog', () => {
    askedForCertificate ||= (tlsSocket.getSharedSigalgs() ?? []).length > 0;
  });

  const handshake = await new Promise<
    { ok: true; seen: Snapshot } | { ok: false; error: unknown; timedOut: boolean; sawCertificate: boolean }
  >((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, error: undefined, timedOut: true, sawCertificate: false }),
      limit,
    );
    tlsSocket.once('secureConnect', () => {
      clearTimeout(timer);
      // Everything the result needs is read now: once the backend closes, Node forgets the session.
      try {
        resolve({ ok: true, seen: snapshot(tlsSocket, plan) });
      } catch (error) {
        resolve({ ok: false, error, timedOut: false, sawCertificate: true });
      }
    });
    tlsSocket.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error, timedOut: false, sawCertificate: peerSent(tlsSocket) });
    });
  });

  if (!handshake.ok) {
    tlsSocket.destroy();
    const duration = performance.now() - started;
    if (handshake.timedOut) {
      const message = `The backend did not finish the TLS handshake within the probe's ${Math.round(limit)} ms. Traefik sets no handshake deadline and would wait until the backend closes the connection.`;
      return {
        stages: [
          stage('tls-handshake', 'fail', message, duration),
          ...skippedRest('No certificate was received.'),
        ],
        outcome: 'tls_timeout',
        failure: {
          message,
          nextStep:
            'Check that this port speaks TLS and the backend is not overloaded; a plain-TCP port waits silently for a ClientHello it cannot read.',
        },
        certificates: [],
        notes,
      };
    }
    const failure = handshakeFailure(handshake.error, {
      sawCertificate: handshake.sawCertificate,
      askedForCertificate,
      clientCertificate: plan.kind === 'tls' ? plan.prepared.clientCertificate : undefined,
    });
    if (plan.kind === 'spiffe' && failure.outcome === 'client_certificate_rejected') {
      return spiffeWantsClientSvid(failure.message, duration, [], notes);
    }
    return {
      stages: [
        stage('tls-handshake', 'fail', failure.message, duration),
        ...skippedRest('The handshake did not complete.'),
      ],
      outcome: failure.outcome,
      failure: { message: failure.message, nextStep: failure.nextStep },
      certificates: [],
      notes,
    };
  }

  const { protocol, chain, authorizationError } = handshake.seen;
  const asked = askedForCertificate || handshake.seen.askedForCertificate;
  // A TLS 1.3 server checks our certificate after our side is done; give it a moment to object.
  const tls13 = protocol === 'TLSv1.3';
  const settled = tls13
    ? await waitForSettle(tlsSocket, Math.min(options.settleMs, options.deadline - performance.now()), asked)
    : { closed: tlsSocket.destroyed || !tlsSocket.readable };
  // A hang-up after a request for our certificate is a refusal; without one, Traefik connected.
  const late =
    settled.error !== undefined
      ? handshakeFailure(settled.error)
      : settled.closed && tls13 && asked
        ? silentRefusal(plan.kind === 'tls' ? plan.prepared.clientCertificate : undefined, 'after')
        : undefined;
  if (settled.closed && !late) {
    notes.push(
      'The backend closed the connection right after the TLS handshake. Traefik would have connected, then ended the client connection at once; check the backend logs for why it hangs up.',
    );
  }
  const handshakeMs = performance.now() - started;
  const certificates = chain.map((c) => summarize(c));
  const tlsInfo = { protocol, cipher: handshake.seen.cipher };
  const leaf = chain[0];
  tlsSocket.destroy();

  if (late) {
    const failure = late;
    if (plan.kind === 'spiffe')
      return spiffeWantsClientSvid(failure.message, handshakeMs, certificates, notes);
    return {
      stages: [
        stage('tls-handshake', 'fail', failure.message, handshakeMs),
        ...skippedRest('The backend ended the connection.'),
      ],
      outcome: failure.outcome === 'tls_handshake_failed' ? 'client_certificate_rejected' : failure.outcome,
      failure: { message: failure.message, nextStep: failure.nextStep },
      certificates,
      tls: tlsInfo,
      notes,
    };
  }
  const handshakeStage = stage(
    'tls-handshake',
    'pass',
    `${protocol} with ${printable(tlsInfo.cipher, 80)}; SNI ${sni ? `"${printable(sni)}"` : 'not sent'}; no ALPN${plan.kind === 'tls' && plan.prepared.clientCertificate ? `; client certificate ${plan.prepared.clientCertificate}` : ''}.`,
    handshakeMs,
  );
  if (!leaf) {
    const message = 'tls: the backend sent no certificate';
    return {
      stages: [handshakeStage, ...skippedRest('There is no certificate to check.')],
      outcome: 'cert_untrusted',
      failure: { message, nextStep: 'Configure a certificate on the backend.' },
      certificates,
      tls: tlsInfo,
      notes,
    };
  }

  if (plan.kind === 'spiffe') {
    const { identity, failure } = spiffeIdentity(leaf, plan);
    return {
      stages: [
        handshakeStage,
        stage(
          'chain',
          'skipped',
          'Traefik verifies the SVID against its trust bundle from the workload API, which the probe does not have.',
        ),
        stage('host-name', 'skipped', 'SPIFFE checks the SPIFFE ID, not a host name.'),
        identity,
      ],
      outcome: failure ? 'peer_identity_mismatch' : 'spiffe_unverifiable',
      failure: failure ?? SPIFFE_UNVERIFIABLE,
      certificates,
      tls: tlsInfo,
      notes,
    };
  }

  const stages: ProbeStage[] = [handshakeStage];
  const failures: { outcome: ProbeOutcome; message: string; nextStep: string; order: number }[] = [];
  const verifyChain = !plan.insecureSkipVerify || plan.peerCertURI !== '';
  const chainResult = verifyChain ? chainVerdict(authorizationError, plan) : undefined;
  if (!chainResult) {
    stages.push(
      stage(
        'chain',
        'skipped',
        'insecureSkipVerify is true and peerCertURI is empty: Traefik does not verify the chain.',
      ),
    );
  } else {
    stages.push(
      stage(
        'chain',
        chainResult.ok ? 'pass' : 'fail',
        plan.insecureSkipVerify
          ? `${chainResult.message} Traefik checks the chain even with insecureSkipVerify because peerCertURI is set.`
          : chainResult.message,
      ),
    );
    if (!chainResult.ok) {
      const validity = chainResult.outcome === 'cert_expired' || chainResult.outcome === 'cert_not_yet_valid';
      failures.push({
        outcome: chainResult.outcome,
        message: chainResult.message,
        nextStep: validity
          ? chainResult.outcome === 'cert_expired'
            ? 'A certificate in the chain has expired. Renew the backend certificate.'
            : 'A certificate in the chain is not valid yet. Check the clock of the issuer, or wait until its notBefore.'
          : plan.prepared.trust === 'system'
            ? "The backend's certificate is not signed by a public CA. Add its CA to tls.rootCAs (a Secret or ConfigMap with tls.ca or ca.crt)."
            : "The backend's certificate is not signed by the loaded CAs. Add the CA that signed it to tls.rootCAs.",
        // Go checks validity first, then the host name, then the chain.
        order: validity ? 0 : 2,
      });
    }
  }
  if (plan.insecureSkipVerify) {
    stages.push(
      stage('host-name', 'skipped', 'insecureSkipVerify is true: Traefik does not check the host name.'),
    );
  } else if (verifyHostname(leaf, serverName)) {
    stages.push(
      stage(
        'host-name',
        'pass',
        `The certificate is valid for "${printable(serverName)}" (tls.serverName; the dialled address is never used).`,
      ),
    );
  } else {
    const names = pairNames(leaf);
    const message = `x509: certificate is valid for ${names}, not ${printable(serverName)}`;
    stages.push(stage('host-name', 'fail', message));
    const first = dnsSans(leaf).find((n) => SAFE_NAME.test(n) && !n.startsWith('*'));
    failures.push({
      outcome: 'hostname_mismatch',
      message,
      nextStep: first
        ? `The backend presented a certificate for \`${first}\`. It may be the wrong backend: check the address and the Service's selector. If it is the right one, set \`tls.serverName: ${first}\`.`
        : 'The certificate has no DNS name matching tls.serverName. It may be the wrong backend: check the address and the Service. If it is the right one, set tls.serverName to a name the certificate lists, or reissue the certificate.',
      order: 1,
    });
  }
  if (plan.peerCertURI === '') {
    stages.push(stage('peer-identity', 'skipped', 'peerCertURI is not set.'));
  } else if (chainResult && !chainResult.ok) {
    stages.push(
      stage('peer-identity', 'fail', `Traefik's peer check verifies the chain first: ${chainResult.message}`),
    );
  } else {
    const uris = uriSans(leaf);
    const match = uris.some((u) => u.toLowerCase() === plan.peerCertURI.toLowerCase());
    if (match) {
      stages.push(
        stage(
          'peer-identity',
          'pass',
          `The certificate has URI SAN ${printable(plan.peerCertURI)} (compared ignoring case).`,
        ),
      );
    } else {
      const message = 'no matching SAN in peer certificate';
      const shown = uris.slice(0, 3).map((u) => printable(u, MAX_ID));
      stages.push(
        stage(
          'peer-identity',
          'fail',
          `${message}: peerCertURI ${printable(plan.peerCertURI)}; the certificate's URI SANs: ${shown.length > 0 ? shown.join(', ') : 'none'}.`,
        ),
      );
      failures.push({
        outcome: 'peer_identity_mismatch',
        message,
        nextStep:
          shown.length > 0
            ? `The backend's certificate has URI SAN ${shown[0]}. Set tls.peerCertURI to it if this is the right backend.`
            : 'The backend certificate has no URI SAN. Reissue it with one, or remove tls.peerCertURI.',
        order: 3,
      });
    }
  }
  failures.sort((a, b) => a.order - b.order);
  const first = failures[0];
  return {
    stages,
    outcome: first ? first.outcome : 'ok',
    ...(first ? { failure: { message: first.message, nextStep: first.nextStep } } : {}),
    certificates,
    tls: tlsInfo,
    notes,
  };
}
