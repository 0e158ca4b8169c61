import type { Diagnostic, DocumentsResponse } from '@dialtone/shared';
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
