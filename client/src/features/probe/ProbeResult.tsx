import type { ProbeTargetResult, ServersTransportTCPSpec } from '@dialtone/shared';
import { CodeText, SafeText } from '../shell';
import { opensslCommand, targetLabel, totalMs, VERDICT_LOOK } from './probeText';

const STATUS_ICON = { pass: '✓', fail: '✗', skipped: '–' } as const;

/** One target's result in the "Save & test" anatomy: title, details, stages, chain, next step, command. */
/**
 * On a shared transport a host-name failure is rarely fixed by changing serverName: that one value is
 * what every other route's healthy backend is checked against.
 */
function sharedAdvice(
  result: ProbeTargetResult,
  spec: ServersTransportTCPSpec | undefined,
  routes: readonly string[],
): string | undefined {
  if (result.outcome !== 'hostname_mismatch' || routes.length < 2) return undefined;
  const route = 'route' in result.target && result.target.route;
  const serverName = spec?.tls?.serverName;
  const own = route ? `route ${route.namespace}/${route.name}` : 'the route of this backend';
  return `This transport is shared by ${String(routes.length)} routes (${routes.join(', ')}), and \`tls.serverName\` is checked against every backend they use: changing it for this backend breaks the others. Fix this backend's certificate${serverName ? ` to include \`${serverName}\`` : ''}, or give ${own} a transport of its own with its own \`tls.serverName\`.`;
}

export function ProbeResult({
  result,
  spec,
  routes = [],
}: {
  result: ProbeTargetResult;
  spec: ServersTransportTCPSpec | undefined;
  /** The routes using the transport, for advice that must not break the others. */
  routes?: readonly string[];
}) {
  const nextStep = sharedAdvice(result, spec, routes) ?? result.nextStep;
  const look = VERDICT_LOOK[result.verdict];
  const failed = result.stages.find((s) => s.status === 'fail');
  const tls = result.target.tls ?? false;
  return (
    <article
      className={`alert ${look.alert}`}
      role={look.role}
      data-testid="probe-result"
      data-outcome={result.outcome}
    >
      <h4>
        <SafeText text={result.title} />
      </h4>
      <p className="muted">
        <SafeText text={targetLabel(result)} /> at <SafeText text={result.address} />, {totalMs(result)} ms
        {failed ? `, stopped at ${failed.name}` : ''}
        {result.tls ? `, ${result.tls.protocol} ${result.tls.cipher}` : ''}. Tested from the Dialtone server,
        not from Traefik&apos;s pods.
      </p>
      {nextStep && (
        <p data-testid="next-step">
          <strong>Next step:</strong> <CodeText text={nextStep} />
        </p>
      )}
      {result.notes.map((note) => (
        <p key={note} className="muted">
          <CodeText text={note} />
        </p>
      ))}
      <details>
        <summary>Stages and timings</summary>
        <ol className="stages">
          {result.stages.map((stage) => (
            <li key={stage.name} className={`stage stage-${stage.status}`}>
              <span aria-hidden="true">{STATUS_ICON[stage.status]}</span> <strong>{stage.name}</strong>{' '}
              <span className="visually-hidden">{stage.status}</span>
              <span className="muted"> {stage.durationMs.toFixed(1)} ms</span>
              <div>
                <SafeText text={stage.message} />
              </div>
            </li>
          ))}
        </ol>
      </details>
      {result.certificates.length > 0 && (
        <details>
          <summary>Certificate chain ({result.certificates.length})</summary>
          <ol className="chain">
            {result.certificates.map((cert) => (
              <li key={cert.fingerprintSha256}>
                <strong>
                  <SafeText text={cert.subject} />
                </strong>{' '}
                issued by <SafeText text={cert.issuer} />
                <div className={cert.daysToExpiry < 0 ? 'text-error' : 'muted'}>
                  valid {cert.notBefore.slice(0, 10)} to {cert.notAfter.slice(0, 10)} (
                  {cert.daysToExpiry < 0
                    ? `expired ${String(-cert.daysToExpiry)} days ago`
                    : `${String(cert.daysToExpiry)} days left`}
                  ), {cert.keyType}
                </div>
                {cert.sans.length > 0 && (
                  <div className="muted">
                    SANs: <SafeText text={cert.sans.join(', ')} />
                    {cert.sansOmitted > 0 ? ` and ${String(cert.sansOmitted)} more` : ''}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
      <details>
        <summary>Equivalent command</summary>
        <pre className="code" tabIndex={0} aria-label="Equivalent command">
          {result.opensslCommand ?? opensslCommand(result.address, tls, spec)}
        </pre>
      </details>
    </article>
  );
}
