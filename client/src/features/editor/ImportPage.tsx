import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiPaths, parseYaml, validate, type DocumentsResponse } from '@dialtone/shared';
import { write } from '../../api';
import { formatRoute, listRoute, SafeText, type Go } from '../shell';
import { DiagnosticList } from '../transports';
import { useSchema } from './queries';

interface Props {
  cluster: string;
  namespaces: string[];
  go: Go;
}

const OUTCOME_TEXT = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  skipped: 'skipped',
  failed: 'failed',
} as const;

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
      setResult(await write<DocumentsResponse>('POST', url, { yaml: text }));
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: ['transports', cluster] });
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
          title={!result?.dryRun ? 'Run the dry run first' : undefined}
        >
          Apply
        </button>
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
            {doc.outcome ? OUTCOME_TEXT[doc.outcome] : doc.valid ? 'valid' : 'invalid'}
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
