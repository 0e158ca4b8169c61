import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import {
  stringifyObjects,
  type Diagnostic,
  type ResourceSchema,
  type ServersTransportTCP,
  type ServersTransportTCPSpec,
  type TransportUsage,
} from '@dialtone/shared';
import { ProbePanel } from '../probe';
import { announce, formatRoute, SafeText, type EditorTab, type Go } from '../shell';
import { DiagnosticList, downloadText, gitOpsOwner, GitOpsNote, type DiagnosticAction } from '../transports';
import { ConflictView } from './ConflictView';
import { DraftBanner, SaveErrorBanner, ServerChangeBanner } from './EditorBanners';
import { transportPatch } from './mergePatch';
import { comparable, editableText, metadataField, specOf } from './objectText';
import { quickFix } from './quickFixes';
import { saveReason, type SavePermission } from './saveReason';
import { SaveReview } from './SaveReview';
import { SchemaForm } from './SchemaForm';
import { useEditSession, type EditBase } from './useEditSession';
import { useLeaveGuard } from './useLeaveGuard';
import { useSave } from './useSave';
import { useServerChanges } from './useServerChanges';
import { NAME_TAKEN, useNameCheck } from './useNameCheck';
import { useReferenceCheck } from './useReferenceCheck';
import { useServerValidation } from './useServerValidation';
import { ValidateVerdict, ValidationPanel } from './ValidationPanel';

const YamlEditor = lazy(() => import('./YamlEditor'));
const DiffView = lazy(() => import('./DiffView'));

export type { EditBase } from './useEditSession';

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
  canSave: SavePermission;
  go: Go;
  /** Reads the object as it is on the server now, for the "changed while editing" banner. */
  fetchCurrent(): Promise<ServersTransportTCP>;
  modelPath: string;
}

const TABS: { id: EditorTab; label: string }[] = [
  { id: 'form', label: 'Form' },
  { id: 'yaml', label: 'YAML' },
  { id: 'diff', label: 'Diff' },
];

/** The editor of one transport: Form, YAML and Diff over one model, Validate, Save, conflicts, test. */
export function Editing(props: Props) {
  const { cluster, schema } = props;
  const isNew = props.initial.object === undefined;
  const session = useEditSession(props.initial, props.draftKey, schema);
  const { base, conflict } = session;
  const namespace = metadataField(session.model.value, 'namespace');
  const name = metadataField(session.model.value, 'name');
  const model = useNameCheck(
    cluster,
    namespace,
    name,
    useReferenceCheck(cluster, namespace, session.model),
    isNew,
  );
  const { validation, validate, shown } = useServerValidation(cluster, model);
  const saving = useSave();
  const [reviewing, setReviewing] = useState(false);
  const [reveal, setReveal] = useState<{ line: number; column: number; at: number }>();
  const saveButton = useRef<HTMLButtonElement>(null);
  useLeaveGuard(session.dirty);

  const serverChange = useServerChanges(
    cluster,
    base.object?.metadata.namespace,
    base.object?.metadata.name,
    conflict ? undefined : session.baseVersion,
  );

  const reviewServerChange = async () => {
    try {
      session.openConflict(await props.fetchCurrent());
      setReviewing(false);
    } catch (error) {
      saving.setError({ text: error instanceof Error ? error.message : String(error), diagnostics: [] });
    }
  };

  const save = () =>
    saving.save({
      cluster,
      fallbackNamespace: props.namespaces[0] ?? 'default',
      isNew,
      model,
      base: base.object,
      baseVersion: session.baseVersion,
      onSaved: (object) => {
        session.saved(object);
        announce(
          `${isNew ? 'Created' : 'Saved'} ${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}, version ${object.metadata.resourceVersion ?? '?'}`,
        );
        props.go(
          {
            view: 'detail',
            cluster,
            namespaces: props.namespaces,
            namespace: object.metadata.namespace ?? namespace ?? '',
            name: object.metadata.name ?? name ?? '',
          },
          { force: true },
        );
      },
      onConflict: async (current) => {
        setReviewing(false);
        if (current) session.openConflict(current);
        else await reviewServerChange();
      },
    });

  // The API server accepts these, but Traefik breaks on them: saving one takes a deliberate "Save anyway".
  const breaking = useMemo(
    () => model.diagnostics.filter((d) => d.severity === 'error' && d.source === 'traefik'),
    [model.diagnostics],
  );
  const owner = gitOpsOwner(base.object?.metadata);
  const reason = saveReason(props.canSave, model, session.dirty, isNew);

  const onPick = (d: Diagnostic) => {
    if (d.line === undefined) return;
    props.onTab('yaml');
    setReveal({ line: d.line, column: d.column ?? 1, at: Date.now() });
  };

  const { applyEdits } = session;
  const actionFor = useCallback(
    (d: Diagnostic): DiagnosticAction | undefined => {
      if (d.code === NAME_TAKEN && namespace && name)
        return {
          label: 'Open the existing transport',
          // The draft stays in this browser, so leaving needs no "unsaved changes" question.
          run: () =>
            props.go(
              { view: 'detail', cluster, namespaces: props.namespaces, namespace, name },
              { force: true },
            ),
        };
      const fix = quickFix(d, model.value);
      return fix && { label: fix.label, run: () => applyEdits(fix.edits) };
    },
    [model.value, applyEdits, namespace, name, cluster, props],
  );
  const formContext = useMemo(
    () => ({ model: shown, onEdit: session.edit, onEditMany: applyEdits, cluster, namespace, actionFor }),
    [shown, session.edit, applyEdits, cluster, namespace, actionFor],
  );
  const showTab = reviewing ? 'diff' : props.tab;
  const spec = specOf(model.value) as ServersTransportTCPSpec | undefined;

  return (
    <section className="editor" aria-labelledby="editor-title">
      <div className="toolbar">
        <h2 id="editor-title">
          {isNew ? 'New transport' : 'Edit '}
          {/* The object being edited, not the text: while the YAML cannot be read it has no name. */}
          {!isNew && (
            <SafeText
              text={`${base.object?.metadata.namespace ?? namespace ?? ''}/${base.object?.metadata.name ?? name ?? ''}`}
            />
          )}
        </h2>
        {session.dirty && <span className="pill pill-warning">unsaved changes</span>}
        <span className="spacer" />
        <button id="validate-button" type="button" onClick={() => void validate()} disabled={model.fatal}>
          Validate
        </button>
        <ValidateVerdict validation={validation} text={model.text} />
        <button
          type="button"
          className="primary"
          disabled={reason !== undefined || saving.saving}
          aria-describedby={reason ? 'save-reason' : undefined}
          onClick={() => setReviewing(true)}
          ref={saveButton}
        >
          Save
        </button>
      </div>
      {reason && (
        <p id="save-reason" className="muted" data-testid="save-reason">
          Save is disabled: <SafeText text={reason} />
        </p>
      )}
      {owner && (
        <GitOpsNote owner={owner}>
          <p>
            <button type="button" onClick={() => downloadText(`${name ?? 'transport'}.yaml`, model.text)}>
              Download the edited YAML
            </button>{' '}
            <button
              type="button"
              onClick={() =>
                downloadText(
                  `${name ?? 'transport'}.patch.yaml`,
                  stringifyObjects([transportPatch(comparable(base.object), model.value)]),
                )
              }
            >
              Download a patch
            </button>
          </p>
        </GitOpsNote>
      )}
      {session.restored && <DraftBanner draft={session.restored} onDiscard={session.discardDraft} />}
      {serverChange && !conflict && (
        <ServerChangeBanner change={serverChange} onReview={() => void reviewServerChange()} />
      )}
      {conflict && (
        <ConflictView
          result={conflict.result}
          originalText={base.text}
          mineText={model.text}
          theirsText={editableText(conflict.theirs)}
          theirsVersion={conflict.theirs.metadata.resourceVersion ?? '?'}
          onRebase={() => session.resolve('rebase')}
          onKeepMine={() => session.resolve('mine')}
          onTakeTheirs={() => session.resolve('theirs')}
          onCancel={() => session.resolve('later')}
        />
      )}
      {saving.error && (
        <SaveErrorBanner
          error={saving.error}
          onPick={onPick}
          existingHref={
            saving.error.exists &&
            formatRoute({ view: 'detail', cluster, namespaces: props.namespaces, ...saving.error.exists })
          }
          onRename={() => {
            setReviewing(false);
            props.onTab('form');
            requestAnimationFrame(() => document.getElementById('field-metadata-name')?.focus());
          }}
        />
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
              onChange={session.setText}
              schema={schema.schema}
              diagnostics={shown.diagnostics}
              onEscape={() => {
                // Out of the editor to the first button that can act, so Tab moves on from there.
                const button = saveButton.current;
                if (button && !button.disabled) button.focus();
                else document.getElementById('validate-button')?.focus();
              }}
              {...(reveal ? { reveal } : {})}
            />
          )}
          {showTab === 'diff' && (
            <>
              {reviewing && (
                <SaveReview
                  breaking={breaking}
                  saving={saving.saving}
                  onSave={() => void save()}
                  onBack={() => setReviewing(false)}
                />
              )}
              <DiffView
                original={base.text}
                modified={model.text}
                originalLabel={
                  isNew ? 'The template' : `On the server (version ${session.baseVersion ?? '?'})`
                }
                modifiedLabel="Your version"
              />
            </>
          )}
        </Suspense>
      </div>
      <section className="panel" aria-labelledby="problems-title">
        <h3 id="problems-title">Problems</h3>
        <DiagnosticList diagnostics={model.diagnostics} onPick={onPick} actionFor={actionFor} />
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
          transport={{ namespace, spec: spec ?? {} }}
          spec={spec}
          usage={props.usage}
        />
      )}
    </section>
  );
}
