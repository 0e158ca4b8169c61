import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { currentTheme } from '../shell';
import './monaco';
import type { monaco } from './monaco';

interface Props {
  original: string;
  modified: string;
  originalLabel: string;
  modifiedLabel: string;
}

/** Read-only side-by-side comparison, for "what will Save change" and for conflicts. */
export default function DiffView(props: Props) {
  const models = useRef<monaco.editor.IDiffEditorModel | null>(null);
  const onMount: DiffOnMount = (editor) => {
    models.current = editor.getModel();
  };
  // The component would dispose its models before its widget, which Monaco reports as an uncaught
  // "TextModel got disposed before DiffEditorWidget model got reset"; they go after the widget instead.
  useEffect(
    () => () => {
      const kept = models.current;
      setTimeout(() => {
        kept?.original.dispose();
        kept?.modified.dispose();
      });
    },
    [],
  );
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
          keepCurrentOriginalModel
          keepCurrentModifiedModel
          onMount={onMount}
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
