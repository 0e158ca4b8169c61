import { useCallback, useEffect, useState } from 'react';
import type { PathSegment, ResourceSchema, ServersTransportTCP } from '@dialtone/shared';
import { clearDraft, readDraft, writeDraft, type Draft } from './drafts';
import { editModel, editModelMany, readModel, type EditModel } from './editModel';
import { comparable, editableText } from './objectText';
import { rebase, type RebaseResult } from './rebase';

export interface EditBase {
  /** undefined for a new transport. */
  object: ServersTransportTCP | undefined;
  text: string;
}

export interface Conflict {
  theirs: ServersTransportTCP;
  result: RebaseResult;
}

/**
 * What is being edited and what it was edited from: the model, the base version, the draft kept
 * in this browser, and the conflict with a newer server version when there is one.
 */
export function useEditSession(initial: EditBase, draftKey: string, schema: ResourceSchema) {
  const [base, setBase] = useState<EditBase>(initial);
  const [restored, setRestored] = useState<Draft | undefined>(() => {
    const draft = readDraft(draftKey);
    return draft && draft.text !== initial.text ? draft : undefined;
  });
  const [model, setModel] = useState<EditModel>(() => readModel(restored?.text ?? initial.text, schema));
  const [conflict, setConflict] = useState<Conflict>();

  const baseVersion = base.object?.metadata.resourceVersion;
  const dirty = model.text !== base.text;

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
      if (dirty) writeDraft(draftKey, { text: model.text, baseVersion, base: base.object });
      else clearDraft(draftKey);
    }, 400);
    return () => clearTimeout(timer);
  }, [dirty, model.text, baseVersion, base.object, draftKey]);

  const setText = useCallback((text: string) => setModel(readModel(text, schema)), [schema]);
  const edit = useCallback(
    (path: PathSegment[], value: unknown) => setModel((m) => editModel(m, path, value, schema)),
    [schema],
  );

  const applyEdits = (edits: { path: PathSegment[]; value: unknown }[]) =>
    setModel((m) => editModelMany(m, edits, schema));

  const openConflict = (theirs: ServersTransportTCP) =>
    setConflict({ theirs, result: rebase(comparable(base.object), model.value, comparable(theirs)) });

  const resolve = (choice: 'rebase' | 'mine' | 'theirs' | 'later') => {
    if (!conflict || choice === 'later') {
      setConflict(undefined);
      return;
    }
    const { theirs, result } = conflict;
    const theirsText = editableText(theirs);
    if (choice === 'rebase') {
      setModel((m) =>
        editModelMany(
          m,
          result.theirs.map((c) => ({ path: c.path, value: c.value })),
          schema,
        ),
      );
    } else if (choice === 'theirs') {
      setModel(readModel(theirsText, schema));
    }
    // Whatever was chosen now builds on their version, so the next save carries its resourceVersion.
    setBase({ object: theirs, text: theirsText });
    setConflict(undefined);
  };

  const discardDraft = () => {
    clearDraft(draftKey);
    setRestored(undefined);
    setModel(readModel(base.text, schema));
  };

  const saved = (object: ServersTransportTCP) => {
    clearDraft(draftKey);
    setBase({ object, text: model.text });
  };

  return {
    base,
    baseVersion,
    model,
    dirty,
    restored,
    conflict,
    setText,
    edit,
    applyEdits,
    openConflict,
    resolve,
    discardDraft,
    saved,
  };
}
