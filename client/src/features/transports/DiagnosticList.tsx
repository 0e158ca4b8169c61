import type { Diagnostic } from '@dialtone/shared';
import { SafeText } from '../shell';

function FixButton({ action }: { action: DiagnosticAction | undefined }) {
  if (!action) return null;
  return (
    <button type="button" className="fix" onClick={action.run}>
      {action.label}
    </button>
  );
}

function where(d: Diagnostic): string {
  const field = d.path ? d.path.slice(1).replaceAll('/', '.') : 'document';
  return d.line ? `${field} (line ${String(d.line)})` : field;
}

export interface DiagnosticAction {
  label: string;
  run(): void;
}

/** The shared validator's findings, worded the same wherever they appear. */
export function DiagnosticList({
  diagnostics,
  onPick,
  actionFor,
}: {
  diagnostics: Diagnostic[];
  onPick?(d: Diagnostic): void;
  /** A one-click fix for a finding, where there is one. */
  actionFor?(d: Diagnostic): DiagnosticAction | undefined;
}) {
  if (diagnostics.length === 0) return <p className="ok-text">No problems found.</p>;
  return (
    <ul className="diagnostics" aria-label="Diagnostics">
      {diagnostics.map((d, i) => (
        <li
          key={`${d.code}-${d.path}-${String(i)}`}
          className={`diagnostic diagnostic-${d.severity}`}
          data-testid="diagnostic"
        >
          <span className={`pill pill-${d.severity}`}>{d.severity}</span> <code>{d.code}</code> at{' '}
          {onPick ? (
            <button type="button" className="link" onClick={() => onPick(d)}>
              {where(d)}
            </button>
          ) : (
            <code>{where(d)}</code>
          )}
          <p>
            <SafeText text={d.message} />
          </p>
          {d.hint && (
            <p className="hint">
              Fix: <SafeText text={d.hint} />
            </p>
          )}
          <FixButton action={actionFor?.(d)} />
        </li>
      ))}
    </ul>
  );
}
