import type { ProbeResponse, ProbeTargetResult } from '@dialtone/shared';

const MARK: Record<string, string> = { pass: '✓', fail: '✗', skipped: '-' };

function targetLabel(result: ProbeTargetResult): string {
  const t = result.target;
  const what = 'address' in t ? t.address : `svc/${t.service.namespace}/${t.service.name}:${t.service.port}`;
  return `${what}${what === result.address ? '' : ` → ${result.address}`}${t.tls ? ' (TLS)' : ''}`;
}

/** The probe's answer for a terminal: one block per target, then the notes about the transport. */
export function formatProbeText(response: ProbeResponse): string {
  const lines: string[] = [];
  for (const result of response.results) {
    lines.push(`${targetLabel(result)}`, `  ${result.verdict.toUpperCase()}  ${result.title}`);
    for (const stage of result.stages) {
      const time = stage.status === 'skipped' ? '' : ` (${stage.durationMs} ms)`;
      lines.push(`    ${MARK[stage.status] ?? '?'} ${stage.name.padEnd(14)} ${stage.message}${time}`);
    }
    if (result.tls) lines.push(`  tls: ${result.tls.protocol} ${result.tls.cipher}`);
    for (const cert of result.certificates) {
      lines.push(
        `  certificate: ${cert.subject}; issuer ${cert.issuer}; ${cert.keyType}; expires ${cert.notAfter.slice(0, 10)} (${cert.daysToExpiry} days)`,
      );
      if (cert.sans.length > 0) {
        lines.push(
          `    SANs: ${cert.sans.slice(0, 10).join(', ')}${cert.sans.length + cert.sansOmitted > 10 ? ', …' : ''}`,
        );
      }
    }
    for (const note of result.notes) lines.push(`  note: ${note}`);
    if (result.nextStep) lines.push(`  next step: ${result.nextStep}`);
    if (result.opensslCommand) lines.push(`  openssl: ${result.opensslCommand}`);
    lines.push('');
  }
  if (response.notes.length > 0) {
    lines.push('About the transport:');
    for (const note of response.notes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
