import type { ProbeOutcome } from '@dialtone/shared';
import { GO_OFFER_IN_WORDS } from './goTls.js';

/** TLS alert numbers to names: the only thing of a failed handshake the backend chose that we repeat. */
const ALERTS: Readonly<Record<number, string>> = {
  10: 'unexpected message',
  20: 'bad record MAC',
  40: 'handshake failure',
  42: 'bad certificate',
  43: 'unsupported certificate',
  44: 'certificate revoked',
  45: 'certificate expired',
  46: 'certificate unknown',
  47: 'illegal parameter',
  48: 'unknown CA',
  49: 'access denied',
  50: 'decode error',
  51: 'decrypt error',
  70: 'protocol version',
  71: 'insufficient security',
  80: 'internal error',
  86: 'inappropriate fallback',
  90: 'user canceled',
  109: 'missing extension',
  110: 'unsupported extension',
  112: 'unrecognized name',
  115: 'unknown PSK identity',
  116: 'certificate required',
  120: 'no application protocol',
};

function alertOf(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const match = /SSL alert number (\d+)/.exec(message);
  if (!match) return undefined;
  const name = ALERTS[Number(match[1])];
  return name ? `${name} (${match[1]})` : `alert ${Number(match[1])}`;
}

const NEEDS_CERTIFICATE =
  'The backend requires a client certificate. Add a Secret with tls.crt and tls.key to tls.certificatesSecrets.';
const REFUSED_CERTIFICATE =
  'The backend refused the client certificate. Put a certificate it trusts (signed by its client CA, valid now) in tls.certificatesSecrets.';

/**
 * A backend that asked for a client certificate and hung up without an alert (Node's servers do
 * this): it refused what we sent, or that we sent none. Under TLS 1.3 the hang-up comes after our
 * side of the handshake is done, under TLS 1.2 during it.
 */
export function silentRefusal(
  clientCertificate: string | undefined,
  when: 'after' | 'during',
): {
  outcome: ProbeOutcome;
  message: string;
  nextStep: string;
} {
  const sent = clientCertificate ? `received ${clientCertificate}` : 'got none';
  return {
    outcome: 'client_certificate_rejected',
    message:
      when === 'after'
        ? `The backend asked for a client certificate, ${sent}, and ended the connection right after the TLS 1.3 handshake without accepting the session. Traefik's handshake completes the same way, then the connection closes before any data passes.`
        : `TLS handshake failed: the backend asked for a client certificate, ${sent}, and ended the connection before the handshake finished.`,
    nextStep: clientCertificate
      ? `${REFUSED_CERTIFICATE} The backend's log says why it refused this one.`
      : NEEDS_CERTIFICATE,
  };
}

/** Turns a failed handshake into Traefik's words and a next step, without repeating what the backend sent. */
export function handshakeFailure(
  error: unknown,
  context: { sawCertificate?: boolean; askedForCertificate?: boolean; clientCertificate?: string } = {},
): {
  outcome: ProbeOutcome;
  message: string;
  nextStep: string;
} {
  const code =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const alert = alertOf(error);
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' || alert?.startsWith('certificate required')) {
    return {
      outcome: 'client_certificate_rejected',
      message: 'TLS handshake failed: remote error: tls: certificate required',
      nextStep: NEEDS_CERTIFICATE,
    };
  }
  if (
    alert &&
    /^(bad certificate|unknown CA|certificate unknown|access denied|unsupported certificate|certificate expired|certificate revoked)/.test(
      alert,
    )
  ) {
    return {
      outcome: 'client_certificate_rejected',
      message: `TLS handshake failed: remote error: tls: ${alert.replace(/ \(\d+\)$/, '')}`,
      nextStep: REFUSED_CERTIFICATE,
    };
  }
  if (
    /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW/.test(code) ||
    alert?.startsWith('protocol version')
  ) {
    return {
      outcome: 'tls_version_unsupported',
      message:
        'TLS handshake failed: tls: the backend does not speak TLS 1.2 or 1.3, the only versions Traefik offers',
      nextStep:
        'Enable TLS 1.2 or 1.3 on the backend; Traefik cannot be told to use an older version for backends.',
    };
  }
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|RECORD_LAYER|HTTP_REQUEST|UNKNOWN_PROTOCOL/.test(code)) {
    return {
      outcome: 'tls_handshake_failed',
      message: 'TLS handshake failed: tls: first record does not look like a TLS handshake',
      nextStep:
        "The backend does not speak TLS on this port. Set the route's services[].tls to false, or point it at the TLS port.",
    };
  }
  const hangUp =
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /socket disconnected|socket hang up/i.test(String((error as Error)?.message));
  if (hangUp && context.askedForCertificate) return silentRefusal(context.clientCertificate, 'during');
  if (code === 'ECONNRESET') {
    return {
      outcome: 'tls_handshake_failed',
      message:
        'TLS handshake failed: read: connection reset by peer (the backend reset the connection during the handshake)',
      nextStep:
        'Check that this port speaks TLS, and the backend logs (or a firewall in between) for why the connection was reset.',
    };
  }
  if (code === 'EPIPE' || /socket disconnected|socket hang up/i.test(String((error as Error)?.message))) {
    return {
      outcome: 'tls_handshake_failed',
      message: 'TLS handshake failed: EOF (the backend closed the connection during the handshake)',
      nextStep: 'Check that this port speaks TLS, and the backend logs for why it closed the connection.',
    };
  }
  const refused =
    alert?.startsWith('handshake failure') ||
    alert?.startsWith('insufficient security') ||
    /NO_SHARED_CIPHER|NO_CIPHERS|SSLV3_ALERT_HANDSHAKE_FAILURE|INSUFFICIENT_SECURITY|NO_SUITABLE/.test(code);
  if (refused && context.sawCertificate) {
    return {
      outcome: 'client_certificate_rejected',
      message:
        'TLS handshake failed: remote error: tls: handshake failure (after the backend sent its certificate)',
      nextStep:
        'The backend refused the handshake once it had asked for a client certificate. Put a certificate it trusts in tls.certificatesSecrets.',
    };
  }
  if (refused) {
    return {
      outcome: 'tls_handshake_failed',
      message: `TLS handshake failed: remote error: tls: ${alert?.replace(/ \(\d+\)$/, '') ?? 'handshake failure'}. The backend found nothing in common with what Go offers: ${GO_OFFER_IN_WORDS}`,
      nextStep:
        'Enable TLS 1.3, or an ECDHE cipher suite with AES-GCM or ChaCha20-Poly1305, and the X25519 or P-256 group on the backend. Go offers no RSA key exchange, DHE, CBC-SHA256 or 3DES suite and no X448 or ffdhe group, and Traefik cannot be told to for TCP backends.',
    };
  }
  return {
    outcome: 'tls_handshake_failed',
    message: `TLS handshake failed${alert ? `: remote error: tls: ${alert.replace(/ \(\d+\)$/, '')}` : ''}`,
    nextStep: 'Check the backend TLS configuration and logs.',
  };
}
