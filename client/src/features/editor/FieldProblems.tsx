import type { Diagnostic } from '@dialtone/shared';
import { SafeText } from '../shell';
import type { DiagnosticAction } from '../transports';

interface Props {
  diagnostics: Diagnostic[];
  id: string;
  actionFor?: ((d: Diagnostic) => DiagnosticAction | undefined) | undefined;
}

/** The shared validator's findings for one field, worded as in the YAML editor and the problem list. */
export function FieldProblems({ diagnostics, id, actionFor }: Props) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="field-problems" id={`${id}-problems`}>
      {diagnostics.map((d, i) => {
        const action = actionFor?.(d);
        return (
          <li
            key={`${d.code}-${String(i)}`}
            className={`field-problem-${d.severity}`}
            data-testid="field-diagnostic"
          >
            <code>{d.code}</code> <SafeText text={d.message} />
            {d.hint && (
              <span className="hint">
                {' '}
                Fix: <SafeText text={d.hint} />
              </span>
            )}
            {action && (
              <button type="button" className="fix" onClick={action.run}>
                {action.label}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
