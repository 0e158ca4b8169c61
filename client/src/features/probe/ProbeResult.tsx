import type { ProbeTargetResult, ServersTransportTCPSpec } from '@dialtone/shared';
import { SafeText } from '../shell';
import { opensslCommand, targetLabel, totalMs, VERDICT_LOOK } from './probeText';

const STATUS_ICON = { pass: '✓', fail: '✗', skipped: '–' } as const;

/** One target's result in the "Save & test" anatomy: title, details, stages, chain, next step, command. */
export function ProbeResult({
  result,
  spec,
}: {
  result: ProbeTargetResult;
  spec: ServersTransportTCPSpec | undefined;
}) {
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
      {result.nextStep && (
        <p>
          <strong>Next step:</strong> <SafeText text={result.nextStep} />
        </p>
      )}
      {result.notes.map((note) => (
        <p key={note} className="muted">
          <SafeText text={note} />
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
