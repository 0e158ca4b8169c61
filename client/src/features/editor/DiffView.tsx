import { DiffEditor } from '@monaco-editor/react';
import { currentTheme } from '../shell';
import './monaco';

interface Props {
  original: string;
  modified: string;
  originalLabel: string;
  modifiedLabel: string;
}

/** Read-only side-by-side comparison, for "what will Save change" and for conflicts. */
export default function DiffView(props: Props) {
  return (
    <figure className="diff" data-testid="diff-view">
      <figcaption>
        <span>{props.originalLabel}</span>
        <span>{props.modifiedLabel}</span>
      </figcaption>
      <div className="diff-editor">
        <DiffEditor
          original={props.original}
          modified={props.modified}
          language="yaml"
          theme={currentTheme() === 'dark' ? 'vs-dark' : 'vs'}
          options={{
            readOnly: true,
            renderSideBySide: true,
            minimap: { enabled: false },
            automaticLayout: true,
          }}
        />
      </div>
    </figure>
  );
}
