import { lazy, Suspense, useState } from 'react';
import { SafeText } from '../shell';
import { pathText, type RebaseResult } from './rebase';

const DiffView = lazy(() => import('./DiffView'));

interface Props {
  result: RebaseResult;
  originalText: string;
  mineText: string;
  theirsText: string;
  theirsVersion: string;
  onRebase(): void;
  onTakeTheirs(): void;
  onKeepMine(): void;
  onCancel(): void;
}

/** After a 409 (or a change seen while editing): original, yours and theirs, and a rebase when it is safe. */
export function ConflictView(props: Props) {
  const { conflicts, theirs, mine } = props.result;
  // Monaco loads only when someone opens the side-by-side diff.
  const [diffOpen, setDiffOpen] = useState(false);
  const clean = conflicts.length === 0;
  return (
    <section className="panel conflict" aria-labelledby="conflict-title" data-testid="conflict-view">
      <h3 id="conflict-title">Someone else changed this transport (now version {props.theirsVersion})</h3>
      <p>
        Your changes: {mine.length === 0 ? 'none' : mine.map((c) => pathText(c.path)).join(', ')}. Their
        changes: {theirs.length === 0 ? 'none' : theirs.map((c) => pathText(c.path)).join(', ')}.
      </p>
      {clean ? (
        <p className="banner banner-info" role="status">
          The changes do not overlap: your edit can be replayed on their version without losing either.
        </p>
      ) : (
        <p className="banner banner-error" role="alert">
          Both of you changed: <SafeText text={conflicts.map(pathText).join(', ')} />. Choose whose value to
          keep, then edit on.
        </p>
      )}
      <div className="three-way">
        <figure>
          <figcaption>Original (what you started from)</figcaption>
          <pre className="code" tabIndex={0} aria-label="Original YAML">
            {props.originalText}
          </pre>
        </figure>
        <figure>
          <figcaption>Yours</figcaption>
          <pre className="code" tabIndex={0} aria-label="Your YAML">
            {props.mineText}
          </pre>
        </figure>
        <figure>
          <figcaption>Theirs (on the server now)</figcaption>
          <pre className="code" tabIndex={0} aria-label="Their YAML">
            {props.theirsText}
          </pre>
        </figure>
      </div>
      <details onToggle={(e) => setDiffOpen(e.currentTarget.open)}>
        <summary>Compare yours with theirs side by side</summary>
        <Suspense fallback={<p>Loading the diff…</p>}>
          {diffOpen && (
            <DiffView
              original={props.theirsText}
              modified={props.mineText}
              originalLabel="Theirs"
              modifiedLabel="Yours"
            />
          )}
        </Suspense>
      </details>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!clean}
          title={clean ? undefined : 'The same fields changed on both sides'}
          onClick={props.onRebase}
        >
          Rebase my changes onto theirs
        </button>
        <button type="button" onClick={props.onKeepMine}>
          Keep mine over theirs
        </button>
        <button type="button" onClick={props.onTakeTheirs}>
          Discard mine, take theirs
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          Decide later
        </button>
      </div>
    </section>
  );
}
