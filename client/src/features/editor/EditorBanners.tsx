import type { Diagnostic } from '@dialtone/shared';
import { SafeText } from '../shell';
import { DiagnosticList } from '../transports';
import type { Draft } from './drafts';
import type { SaveError } from './useSave';
import type { ServerChange } from './useServerChanges';

export function DraftBanner({ draft, onDiscard }: { draft: Draft; onDiscard(): void }) {
  return (
    <p className="banner banner-info" role="status">
      Your unsaved draft from {new Date(draft.savedAt).toLocaleString()} was restored.{' '}
      <button type="button" className="link" onClick={onDiscard}>
        Discard the draft
      </button>
    </p>
  );
}

export function ServerChangeBanner({ change, onReview }: { change: ServerChange; onReview(): void }) {
  return (
    <p className="banner banner-warning" role="alert" data-testid="server-changed">
      {change.type === 'deleted'
        ? 'This transport was deleted on the server while you were editing. Saving would fail; export your YAML to keep it.'
        : `This transport changed on the server (version ${change.resourceVersion}) while you were editing.`}{' '}
      {change.type === 'modified' && (
        <button type="button" className="link" onClick={onReview}>
          Review their change
        </button>
      )}
    </p>
  );
}

interface SaveErrorProps {
  error: SaveError;
  onPick(d: Diagnostic): void;
  /** Where the transport that has the name lives, for a create refused as already existing. */
  existingHref?: string | undefined;
  onRename?(): void;
}

export function SaveErrorBanner({ error, onPick, existingHref, onRename }: SaveErrorProps) {
  return (
    <div role="alert" className="banner banner-error">
      <p>
        Not saved: <SafeText text={error.text} />
      </p>
      {error.exists && (
        <p>
          {existingHref && <a href={existingHref}>Open the existing transport</a>}{' '}
          {onRename && (
            <button type="button" onClick={onRename}>
              Choose another name
            </button>
          )}
        </p>
      )}
      {error.diagnostics.length > 0 && <DiagnosticList diagnostics={error.diagnostics} onPick={onPick} />}
    </div>
  );
}
