import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic, JsonSchema } from '@dialtone/shared';
import { currentTheme } from '../shell';
import { monaco, setMonacoSchema } from './monaco';

interface Props {
  path: string;
  value: string;
  onChange(text: string): void;
  schema: JsonSchema;
  diagnostics: Diagnostic[];
  /** Where focus goes on Escape, so keyboard users are never trapped in the editor. */
  onEscape(): void;
  /** A position to reveal, e.g. when a diagnostic is clicked. */
  reveal?: { line: number; column: number; at: number };
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function useMonacoTheme(): string {
  const [theme, setTheme] = useState(currentTheme);
  useEffect(() => {
    const onTheme = () => setTheme(currentTheme());
    window.addEventListener('dialtone-theme', onTheme);
    return () => window.removeEventListener('dialtone-theme', onTheme);
  }, []);
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

/** The shared validator's findings as markers: the same codes and words as the form shows. */
function markersOf(model: monaco.editor.ITextModel, diagnostics: Diagnostic[]): monaco.editor.IMarkerData[] {
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(d.line ?? 1, 1), model.getLineCount());
    const column = Math.max(d.column ?? 1, 1);
    const end = model.getLineMaxColumn(line);
    return {
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'dialtone',
      message: d.hint ? `${d.message}\nFix: ${d.hint}` : d.message,
      startLineNumber: line,
      startColumn: Math.min(column, end),
      endLineNumber: line,
      endColumn: end,
    };
  });
}

export default function YamlEditor(props: Props) {
  setMonacoSchema(props.schema);
  const theme = useMonacoTheme();
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const escapeRef = useRef(props.onEscape);
  escapeRef.current = props.onEscape;
  // The editor owns its text. The parent's value lags keystrokes by a render or more; pushing it back
  // would overwrite what was typed meanwhile. Values this editor sent come back as echoes, in order,
  // and are dropped; only another value (a quick fix, the form, a rebase) is pushed in.
  const sent = useRef<string[]>([]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // A model kept under the same path from an earlier visit may hold older text.
    if (editor.getValue() !== props.value) editor.setValue(props.value);
    sent.current = [];
    editor.addCommand(
      monaco.KeyCode.Escape,
      () => escapeRef.current(),
      '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !markersNavigationVisible',
    );
    const model = editor.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'dialtone', markersOf(model, props.diagnostics));
  };

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'dialtone', markersOf(model, props.diagnostics));
  }, [props.diagnostics]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const echo = sent.current.lastIndexOf(props.value);
    if (echo !== -1) {
      sent.current = sent.current.slice(echo + 1);
      return;
    }
    sent.current = [];
    if (props.value === model.getValue()) return;
    // One undoable edit, so Ctrl+Z takes back a quick fix as it would a paste.
    editor.pushUndoStop();
    editor.executeEdits('dialtone', [{ range: model.getFullModelRange(), text: props.value }]);
    editor.pushUndoStop();
  }, [props.value]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !props.reveal) return;
    editor.revealLineInCenter(props.reveal.line);
    editor.setPosition({ lineNumber: props.reveal.line, column: props.reveal.column });
    editor.focus();
  }, [props.reveal]);

  return (
    <div className="yaml-editor" data-testid="yaml-editor">
      <Editor
        path={props.path}
        defaultLanguage="yaml"
        defaultValue={props.value}
        theme={theme}
        onChange={(text) => {
          sent.current.push(text ?? '');
          props.onChange(text ?? '');
        }}
        onMount={onMount}
        options={{
          minimap: { enabled: false },
          tabSize: 2,
          insertSpaces: true,
          scrollBeyondLastLine: false,
          quickSuggestions: { other: true, comments: false, strings: true },
          renderWhitespace: 'boundary',
          unicodeHighlight: { invisibleCharacters: true, ambiguousCharacters: true },
          ariaLabel: 'YAML editor. Press Escape to leave the editor.',
          automaticLayout: true,
        }}
      />
    </div>
  );
}
