import type { ProbeTargetResult, ProbeVerdict, ServersTransportTCPSpec } from '@dialtone/shared';

/** How each verdict looks: an inconclusive result is neither a success nor an error. */
export const VERDICT_LOOK: Readonly<
  Record<ProbeVerdict, { alert: string; role: 'status' | 'alert'; history: string }>
> = {
  pass: { alert: 'alert-success', role: 'status', history: '✓ passed' },
  fail: { alert: 'alert-error', role: 'alert', history: '✗ failed' },
  blocked: { alert: 'alert-error', role: 'alert', history: '✗ not probed' },
  inconclusive: { alert: 'alert-warning', role: 'status', history: '? inconclusive' },
};

/** Where a result came from, in words: the route and backend, or the typed address. */
export function targetLabel(result: ProbeTargetResult): string {
  const { target } = result;
  if ('service' in target) {
    const service = `${target.service.namespace}/${target.service.name}:${String(target.service.port)}`;
    return target.route ? `${service} (route ${target.route.namespace}/${target.route.name})` : service;
  }
  return target.address;
}

export function totalMs(result: ProbeTargetResult): number {
  return Math.round(result.stages.reduce((sum, s) => sum + s.durationMs, 0) * 10) / 10;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A fallback for servers that do not send the command: what a person would run by hand. */
export function opensslCommand(
  target: string,
  tls: boolean,
  spec: ServersTransportTCPSpec | undefined,
): string {
  if (!tls) {
    const at = target.lastIndexOf(':');
    return `nc -vz ${shellQuote(target.slice(0, at))} ${target.slice(at + 1)}`;
  }
  const parts = ['openssl s_client', '-connect', shellQuote(target)];
  const serverName = spec?.tls?.serverName;
  if (serverName) parts.push('-servername', shellQuote(serverName));
  if ((spec?.tls?.rootCAs?.length ?? 0) > 0 || (spec?.tls?.rootCAsSecrets?.length ?? 0) > 0)
    parts.push('-CAfile', 'ca.crt');
  if ((spec?.tls?.certificatesSecrets?.length ?? 0) > 0) parts.push('-cert', 'tls.crt', '-key', 'tls.key');
  if (!spec?.tls?.insecureSkipVerify) parts.push('-verify_return_error');
  return `${parts.join(' ')} </dev/null`;
}
