import type { Diagnostic, DocumentsResponse } from '@dialtone/shared';
import type { ServerValidation } from './useServerValidation';
import { DiagnosticList } from '../transports';

interface Props {
  result: DocumentsResponse | undefined;
  error: string | undefined;
  pending: boolean;
  onPick(d: Diagnostic): void;
}

/** The server's verdict: shared diagnostics plus the API server's strict dry run, mapped to lines. */
export function ValidationPanel({ result, error, pending, onPick }: Props) {
  if (pending) return <p role="status">Validating on the server…</p>;
  if (error) {
    return (
      <p role="alert" className="banner banner-error">
        {error}
      </p>
    );
  }
  if (!result) return null;
  const doc = result.documents[0];
  return (
    <section className="panel" aria-labelledby="validation-title" data-testid="validation-result">
      <h3 id="validation-title">
        Server validation: {doc?.valid ? 'the API server would accept it' : 'the API server would refuse it'}
        {result.dryRun ? ' (dry run, strict fields)' : ''}
      </h3>
      <DiagnosticList diagnostics={doc?.diagnostics ?? []} onPick={onPick} />
    </section>
  );
}

/** Validate's answer beside the button, where the eye is; the details stay in the panel below. */
export function ValidateVerdict({ validation, text }: { validation: ServerValidation; text: string }) {
  let verdict: { text: string; className: string } | undefined;
  if (validation.pending) verdict = { text: 'Validating…', className: 'muted' };
  else if (validation.error)
    verdict = { text: 'Validation failed to run: see below', className: 'text-error' };
  else if (validation.result) {
    const doc = validation.result.documents[0];
    const problems = doc?.diagnostics.filter((d) => d.severity !== 'info').length ?? 0;
    const stale = validation.text !== text ? ' (before your last change)' : '';
    verdict = doc?.valid
      ? {
          text: `Valid: the API server accepts it${problems > 0 ? `, ${String(problems)} warning${problems === 1 ? '' : 's'} below` : ''}${stale}`,
          className: 'ok-text',
        }
      : {
          text: `Refused: ${String(problems)} problem${problems === 1 ? '' : 's'}, listed below${stale}`,
          className: 'text-error',
        };
  }
  return (
    <span role="status" className={`verdict ${verdict?.className ?? ''}`} data-testid="validate-verdict">
      {verdict && (
        <button
          type="button"
          className="link"
          onClick={() => document.getElementById('validation-title')?.scrollIntoView({ block: 'center' })}
        >
          {verdict.text}
        </button>
      )}
    </span>
  );
}
