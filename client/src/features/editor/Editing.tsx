import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  apiPaths,
  isAdmissible,
  type ConflictDetails,
  type Diagnostic,
  type DocumentsResponse,
  type PathSegment,
  type ResourceSchema,
  type ServersTransportTCP,
  type ServersTransportTCPSpec,
  type TransportUsage,
  type TransportWriteResponse,
} from '@dialtone/shared';
import { isApiError, write } from '../../api';
import { ProbePanel } from '../probe';
import { SafeText, type EditorTab, type Go } from '../shell';
import { DiagnosticList } from '../transports';
import { ConflictView } from './ConflictView';
import { clearDraft, readDraft, writeDraft, type Draft } from './drafts';
import { editModel, editModelMany, readModel, withServerFindings, type EditModel } from './editModel';
import { comparable, editableText, forUpdate, metadataField, specOf } from './objectText';
import { rebase, type RebaseResult } from './rebase';
import { SchemaForm } from './SchemaForm';
import { useLeaveGuard } from './useLeaveGuard';
import { useServerChanges } from './useServerChanges';
import { ValidationPanel } from './ValidationPanel';

const YamlEditor = lazy(() => import('./YamlEditor'));
const DiffView = lazy(() => import('./DiffView'));

export interface EditBase {
  /** undefined for a new transport. */
  object: ServersTransportTCP | undefined;
  text: string;
}

interface Props {
  cluster: string;
  namespaces: string[];
  /** Namespaces the user can pick for a new transport. */
  namespaceOptions: string[];
  schema: ResourceSchema;
  initial: EditBase;
  draftKey: string;
  tab: EditorTab;
  onTab(tab: EditorTab): void;
  usage: TransportUsage[];
  canSave: { ok: true } | { ok: false; reason: string };
  go: Go;
  /** Reads the object as it is on the server now, for the "changed while editing" banner. */
  fetchCurrent(): Promise<ServersTransportTCP>;
  modelPath: string;
}

interface Conflict {
  theirs: ServersTransportTCP;
  result: RebaseResult;
}

const TABS: { id: EditorTab; label: string }[] = [
  { id: 'form', label: 'Form' },
  { id: 'yaml', label: 'YAML' },
  { id: 'diff', label: 'Diff' },
];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function Editing(props: Props) {
  const { cluster, schema } = props;
  const queryClient = useQueryClient();
  const isNew = props.initial.object === undefined;
  const [base, setBase] = useState<EditBase>(props.initial);
  const [restored, setRestored] = useState<Draft | undefined>(() => {
    const draft = readDraft(props.draftKey);
    return draft && draft.text !== props.initial.text ? draft : undefined;
  });
  const [model, setModel] = useState<EditModel>(() =>
    readModel(restored?.text ?? props.initial.text, schema),
  );
  const [conflict, setConflict] = useState<Conflict>();
  const [validation, setValidation] = useState<{
    result?: DocumentsResponse;
    error?: string;
    pending: boolean;
    text?: string;
  }>({
    pending: false,
  });
  const [saveError, setSaveError] = useState<{ text: string; diagnostics: Diagnostic[] }>();
  const [saving, setSaving] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [reveal, setReveal] = useState<{ line: number; column: number; at: number }>();
  const afterEditor = useRef<HTMLButtonElement>(null);

  const baseVersion = base.object?.metadata.resourceVersion;
  const dirty = model.text !== base.text;
  useLeaveGuard(dirty);

  // A draft from before a server change must be rebased like any other stale edit.
  useEffect(() => {
    if (!restored?.base || restored.baseVersion === baseVersion || !base.object) return;
    setConflict({
      theirs: base.object,
      result: rebase(
        comparable(restored.base),
        readModel(restored.text, schema).value,
        comparable(base.object),
      ),
    });
    setBase({ object: restored.base as ServersTransportTCP, text: editableText(restored.base) });
    // Only once, for the draft found on opening.
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (dirty) writeDraft(props.draftKey, { text: model.text, baseVersion, base: base.object });
      else clearDraft(props.draftKey);
    }, 400);
    return () => clearTimeout(timer);
  }, [dirty, model.text, baseVersion, base.object, props.draftKey]);

  const serverChange = useServerChanges(
    cluster,
    base.object?.metadata.namespace,
    base.object?.metadata.name,
    conflict ? undefined : baseVersion,
  );

  const setText = useCallback((text: string) => setModel(readModel(text, schema)), [schema]);
  const onEdit = useCallback(
    (path: PathSegment[], value: unknown) => setModel((m) => editModel(m, path, value, schema)),
    [schema],
  );

  const openConflict = (theirs: ServersTransportTCP) => {
    setConflict({ theirs, result: rebase(comparable(base.object), model.value, comparable(theirs)) });
    setReviewing(false);
  };

  const reviewServerChange = async () => {
    try {
      openConflict(await props.fetchCurrent());
    } catch (error) {
      setSaveError({ text: message(error), diagnostics: [] });
    }
  };

  const resolveRebase = () => {
    if (!conflict) return;
    const theirs = conflict.theirs;
    setModel((m) =>
      editModelMany(
        m,
        conflict.result.theirs.map((c) => ({ path: c.path, value: c.value })),
        schema,
      ),
    );
    setBase({ object: theirs, text: editableText(theirs) });
    setConflict(undefined);
  };
  const keepMine = () => {
    if (!conflict) return;
    setBase({ object: conflict.theirs, text: editableText(conflict.theirs) });
    setConflict(undefined);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    const text = editableText(conflict.theirs);
    setBase({ object: conflict.theirs, text });
    setModel(readModel(text, schema));
    setConflict(undefined);
  };

  const validateOnServer = async () => {
    setValidation({ pending: true });
    try {
      const namespace = metadataField(model.value, 'namespace');
      const url = `${apiPaths.validate(cluster)}${namespace ? `?namespace=${encodeURIComponent(namespace)}` : ''}`;
      const result = await write<DocumentsResponse>('POST', url, { yaml: model.text });
      setValidation({ result, pending: false, text: model.text });
    } catch (error) {
      setValidation({ error: message(error), pending: false });
    }
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const namespace = metadataField(model.value, 'namespace') ?? props.namespaces[0] ?? 'default';
      const name = metadataField(model.value, 'name') ?? '';
      let response: TransportWriteResponse;
      if (isNew) {
        response = await write('POST', apiPaths.namespacedTransports(cluster, namespace), {
          json: model.value,
        });
      } else {
        response = await write('PUT', apiPaths.transport(cluster, namespace, name), {
          json: forUpdate(model.value, base.object, baseVersion ?? ''),
        });
      }
      clearDraft(props.draftKey);
      const saved = response.object;
      setBase({ object: saved, text: model.text });
      await queryClient.invalidateQueries({ queryKey: ['transport', cluster] });
      props.go(
        {
          view: 'detail',
          cluster,
          namespaces: props.namespaces,
          namespace: saved.metadata.namespace ?? namespace,
          name: saved.metadata.name ?? name,
        },
        { force: true },
      );
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        const details = error.details as Partial<ConflictDetails> | undefined;
        if (details?.current) openConflict(details.current);
        else await reviewServerChange();
      } else {
        const details = isApiError(error)
          ? (error.details as { diagnostics?: Diagnostic[] } | undefined)
          : undefined;
        setSaveError({ text: message(error), diagnostics: details?.diagnostics ?? [] });
      }
    } finally {
      setSaving(false);
    }
  };

  const errors = model.diagnostics.filter((d) => d.severity === 'error').length;
  const saveReason = !props.canSave.ok
    ? props.canSave.reason
    : model.fatal
      ? (model.shapeProblem ?? 'The YAML cannot be read.')
      : !isAdmissible(model.diagnostics)
        ? `Fix the ${String(errors)} error${errors === 1 ? '' : 's'} the API server would refuse first.`
        : !dirty && !isNew
          ? 'Nothing changed yet.'
          : undefined;

  const onPick = (d: Diagnostic) => {
    if (d.line === undefined) return;
    props.onTab('yaml');
    setReveal({ line: d.line, column: d.column ?? 1, at: Date.now() });
  };

  const namespace = metadataField(model.value, 'namespace');
  const name = metadataField(model.value, 'name');
  // The server's verdict joins the local findings at their fields and lines while the text is unchanged.
  const shown = useMemo(
    () =>
      validation.text === model.text && validation.result
        ? { ...model, diagnostics: withServerFindings(model.diagnostics, validation.result) }
        : model,
    [model, validation],
  );
  const formContext = useMemo(
    () => ({ model: shown, onEdit, cluster, namespace }),
    [shown, onEdit, cluster, namespace],
  );
  const showTab = reviewing ? 'diff' : props.tab;

  return (
    <section className="editor" aria-labelledby="editor-title">
      <div className="toolbar">
        <h2 id="editor-title">
          {isNew ? 'New transport' : 'Edit '}
          {!isNew && <SafeText text={`${namespace ?? ''}/${name ?? ''}`} />}
        </h2>
        {dirty && <span className="pill pill-warning">unsaved changes</span>}
        <span className="spacer" />
        <button
          id="validate-button"
          type="button"
          onClick={() => void validateOnServer()}
          disabled={model.fatal}
        >
          Validate
        </button>
        <button
          type="button"
          className="primary"
          disabled={saveReason !== undefined || saving}
          aria-describedby={saveReason ? 'save-reason' : undefined}
          onClick={() => setReviewing(true)}
          ref={afterEditor}
        >
          Save
        </button>
      </div>
      {saveReason && (
        <p id="save-reason" className="muted" data-testid="save-reason">
          Save is disabled: <SafeText text={saveReason} />
        </p>
      )}
      {restored && (
        <p className="banner banner-info" role="status">
          Your unsaved draft from {new Date(restored.savedAt).toLocaleString()} was restored.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              clearDraft(props.draftKey);
              setRestored(undefined);
              setModel(readModel(base.text, schema));
            }}
          >
            Discard the draft
          </button>
        </p>
      )}
      {serverChange && !conflict && (
        <p className="banner banner-warning" role="alert" data-testid="server-changed">
          {serverChange.type === 'deleted'
            ? 'This transport was deleted on the server while you were editing. Saving would fail; export your YAML to keep it.'
            : `This transport changed on the server (version ${serverChange.resourceVersion}) while you were editing.`}{' '}
          {serverChange.type === 'modified' && (
            <button type="button" className="link" onClick={() => void reviewServerChange()}>
              Review their change
            </button>
          )}
        </p>
      )}
      {conflict && (
        <ConflictView
          result={conflict.result}
          originalText={base.text}
          mineText={model.text}
          theirsText={editableText(conflict.theirs)}
          theirsVersion={conflict.theirs.metadata.resourceVersion ?? '?'}
          onRebase={resolveRebase}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
          onCancel={() => setConflict(undefined)}
        />
      )}
      {saveError && (
        <div role="alert" className="banner banner-error">
          <p>
            Not saved: <SafeText text={saveError.text} />
          </p>
          {saveError.diagnostics.length > 0 && (
            <DiagnosticList diagnostics={saveError.diagnostics} onPick={onPick} />
          )}
        </div>
      )}
      <div role="tablist" aria-label="Editor views" className="tabs">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={showTab === tab.id}
            aria-controls="editor-panel"
            onClick={() => {
              setReviewing(false);
              props.onTab(tab.id);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="editor-panel" aria-labelledby={`tab-${showTab}`} className="tab-panel">
        {showTab === 'form' && (
          <SchemaForm
            ctx={formContext}
            schema={schema.schema}
            isNew={isNew}
            namespaces={props.namespaceOptions}
          />
        )}
        <Suspense fallback={<p>Loading the editor…</p>}>
          {showTab === 'yaml' && (
            <YamlEditor
              path={props.modelPath}
              value={model.text}
              onChange={setText}
              schema={schema.schema}
              diagnostics={shown.diagnostics}
              onEscape={() => {
                const save = afterEditor.current;
                if (save && !save.disabled) save.focus();
                else document.getElementById('validate-button')?.focus();
              }}
              {...(reveal ? { reveal } : {})}
            />
          )}
          {showTab === 'diff' && (
            <>
              {reviewing && (
                <div className="banner banner-info review">
                  <p>Review what Save will change, then confirm.</p>
                  <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
                    Confirm save
                  </button>
                  <button type="button" onClick={() => setReviewing(false)}>
                    Back to editing
                  </button>
                </div>
              )}
              <DiffView
                original={base.text}
                modified={model.text}
                originalLabel={isNew ? 'The template' : `On the server (version ${baseVersion ?? '?'})`}
                modifiedLabel="Your version"
              />
            </>
          )}
        </Suspense>
      </div>
      <section className="panel" aria-labelledby="problems-title">
        <h3 id="problems-title">Problems</h3>
        <DiagnosticList diagnostics={model.diagnostics} onPick={onPick} />
      </section>
      <ValidationPanel
        result={validation.result}
        error={validation.error}
        pending={validation.pending}
        onPick={onPick}
      />
      {namespace && (
        <ProbePanel
          cluster={cluster}
          namespace={namespace}
          name={name ?? '(new)'}
          transport={{ namespace, spec: (specOf(model.value) ?? {}) as ServersTransportTCPSpec }}
          spec={specOf(model.value) as ServersTransportTCPSpec | undefined}
          usage={props.usage}
        />
      )}
    </section>
  );
}
