import type { Diagnostic } from '@dialtone/shared';
import { SafeText } from '../shell';

interface Props {
  /** Errors Traefik hits although the API server accepts the object. */
  breaking: Diagnostic[];
  saving: boolean;
  onSave(): void;
  onBack(): void;
}

/** The confirm step above the diff: an ordinary confirm, or the list of what Traefik will break on. */
export function SaveReview({ breaking, saving, onSave, onBack }: Props) {
  if (breaking.length === 0) {
    return (
      <div className="banner banner-info review">
        <p>Review what Save will change, then confirm.</p>
        <button type="button" className="primary" disabled={saving} onClick={onSave}>
          Confirm save
        </button>
        <button type="button" onClick={onBack}>
          Back to editing
        </button>
      </div>
    );
  }
  return (
    <div className="banner banner-error review" role="alert" aria-labelledby="breaking-title">
      <p id="breaking-title">
        <strong>
          Kubernetes will accept this, but Traefik will not work as intended: {breaking.length}{' '}
          {breaking.length === 1 ? 'error' : 'errors'}.
        </strong>
      </p>
      <ul className="breaking" aria-label="What Traefik will break on">
        {breaking.map((d, i) => (
          <li key={`${d.code}-${d.path}-${String(i)}`}>
            <code>{d.path ? d.path.slice(1).replaceAll('/', '.') : 'document'}</code>:{' '}
            <SafeText text={d.message} />
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onBack}>
        Back to editing
      </button>
      <button type="button" className="danger" disabled={saving} onClick={onSave}>
        Save anyway
      </button>
    </div>
  );
}
