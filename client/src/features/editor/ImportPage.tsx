import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiPaths, parseYaml, validate, type DocumentResult, type DocumentsResponse } from '@dialtone/shared';
import { write } from '../../api';
import { announce, formatRoute, listRoute, SafeText, type Go } from '../shell';
import { DiagnosticList } from '../transports';
import { useSchema } from './queries';

interface Props {
  cluster: string;
  namespaces: string[];
  go: Go;
}

type Outcome = NonNullable<DocumentResult['outcome']>;

const OUTCOME_TEXT: Record<Outcome, { done: string; dryRun: string }> = {
  created: { done: 'created', dryRun: 'would be created' },
  updated: { done: 'updated', dryRun: 'would be updated' },
  unchanged: { done: 'unchanged', dryRun: 'would stay unchanged' },
  skipped: { done: 'skipped', dryRun: 'would be skipped' },
  failed: { done: 'failed', dryRun: 'would fail' },
};

/** "2 created, 1 updated": what an Apply did, for the announcement. */
function tally(documents: readonly DocumentResult[]): string {
  const counts = new Map<Outcome, number>();
  for (const doc of documents) if (doc.outcome) counts.set(doc.outcome, (counts.get(doc.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${String(n)} ${OUTCOME_TEXT[outcome].done}`).join(', ');
}

/** Import pasted or uploaded multi-document YAML: check locally, dry run on the server, then apply. */
export function ImportPage({ cluster, namespaces }: Props) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [result, setResult] = useState<DocumentsResponse>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const schema = useSchema(cluster);
  const resource = schema.data?.resource;
  // Checked as the user types, against the cluster's own CRD schema once it is known.
  const local = useMemo(
    () =>
      parseYaml(text).map((doc) => ({
        index: doc.index,
        diagnostics: doc.fatal
          ? doc.diagnostics
          : [
              ...doc.diagnostics,
              ...validate(doc.value, resource ? { schemas: { serversTransportTCP: resource } } : {}),
            ],
        value: doc.value as { kind?: string; metadata?: { name?: string; namespace?: string } } | undefined,
      })),
    [text, resource],
  );
  const [dragging, setDragging] = useState(false);
  const namespace = namespaces[0] ?? 'default';

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const url = `${apiPaths.importYaml(cluster)}?namespace=${encodeURIComponent(namespace)}${dryRun ? '&dryRun=true' : ''}`;
      const answer = await write<DocumentsResponse>('POST', url, { yaml: text });
      setResult(answer);
      if (!dryRun) {
        announce(`Applied: ${tally(answer.documents) || 'nothing to do'}`);
        await queryClient.invalidateQueries({ queryKey: ['transports', cluster] });
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setResult(undefined);
  };

  return (
    <section className="import" aria-labelledby="import-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={formatRoute(listRoute(cluster, namespaces))}>Transports</a>
      </nav>
      <h2 id="import-title">Import YAML</h2>
      <p className="muted">
        One or many documents separated by <code>---</code>. Documents without a namespace go to{' '}
        <SafeText text={namespace} />.
      </p>
      <label className="field">
        Upload a file
        <input
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      <label
        className={`field${dragging ? ' drop-target' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void onFile(e.dataTransfer.files[0]);
        }}
      >
        YAML to import (paste, or drop a file here)
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setResult(undefined);
          }}
          rows={16}
          spellCheck={false}
          className="code"
        />
      </label>
      <div className="actions">
        <button type="button" onClick={() => void send(true)} disabled={busy || text.trim() === ''}>
          Dry run
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void send(false)}
          disabled={busy || !result?.dryRun || result.documents.some((d) => !d.valid)}
          aria-describedby="apply-reason"
        >
          Apply
        </button>
        <span id="apply-reason" className="muted">
          {!result
            ? 'Run the dry run first.'
            : result.dryRun
              ? result.documents.some((d) => !d.valid)
                ? 'Fix the invalid documents first.'
                : ''
              : 'Applied. Change the YAML to import again.'}
        </span>
      </div>
      {error && (
        <p role="alert" className="banner banner-error">
          <SafeText text={error} />
        </p>
      )}
      <ol className="documents" aria-label="Documents">
        {(result?.documents ?? []).map((doc) => (
          <li key={doc.index} data-testid="import-document">
            <strong>
              Document {doc.index + 1}: {doc.kind ?? 'unknown kind'}{' '}
              <SafeText text={`${doc.namespace ?? ''}/${doc.name ?? ''}`} />
            </strong>{' '}
            <span data-testid="import-outcome">
              {doc.outcome
                ? OUTCOME_TEXT[doc.outcome][result?.dryRun ? 'dryRun' : 'done']
                : doc.valid
                  ? 'valid'
                  : 'invalid'}
            </span>
            {!result?.dryRun &&
              (doc.outcome === 'created' || doc.outcome === 'updated' || doc.outcome === 'unchanged') &&
              doc.kind === 'ServersTransportTCP' &&
              doc.namespace &&
              doc.name && (
                <>
                  {' '}
                  <a
                    href={formatRoute({
                      view: 'detail',
                      cluster,
                      namespaces,
                      namespace: doc.namespace,
                      name: doc.name,
                    })}
                  >
                    Open <SafeText text={`${doc.namespace}/${doc.name}`} />
                  </a>
                </>
              )}
            <DiagnosticList diagnostics={doc.diagnostics} />
          </li>
        ))}
        {!result &&
          local.map((doc) => (
            <li key={doc.index}>
              <strong>
                Document {doc.index + 1}: {doc.value?.kind ?? 'unknown kind'}{' '}
                <SafeText text={doc.value?.metadata?.name ?? ''} />
              </strong>
              <DiagnosticList diagnostics={doc.diagnostics} />
            </li>
          ))}
      </ol>
    </section>
  );
}
