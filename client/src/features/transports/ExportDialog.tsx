import { useEffect, useRef, useState } from 'react';
import { apiPaths, exportYaml, parseYaml } from '@dialtone/shared';
import { getText } from '../../api';
import { buildExport, type ExportChoice } from './exportFile';
import { downloadText } from './download';

interface Props {
  cluster: string;
  items: { namespace: string; name: string }[];
  onClose(): void;
}

/** Export several transports as one multi-document file, optionally with the routes that use them. */
export default function ExportDialog({ cluster, items: offered, onClose }: Props) {
  // The selection as it was when the dialog opened; live updates must not restart the export.
  const [items] = useState(offered);
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<ExportChoice>({ dropNamespace: false, withRoutes: false });
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  useEffect(() => {
    let cancelled = false;
    setText(undefined);
    setError(undefined);
    const fetchOne = (item: { namespace: string; name: string }) =>
      getText(
        `${apiPaths.exportYaml(cluster)}?namespace=${encodeURIComponent(item.namespace)}&name=${encodeURIComponent(
          item.name,
        )}${choice.withRoutes ? '&routes=true' : ''}`,
      );
    Promise.all(items.map(fetchOne))
      .then((files) => {
        if (!cancelled) setText(buildExport(files, choice, { parseYaml, exportYaml }));
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [cluster, items, choice]);

  const fileName = items.length === 1 ? `${items[0]!.name}.yaml` : 'serverstransporttcps.yaml';
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="export-title" className="wide">
      <h2 id="export-title">
        Export {items.length} transport{items.length === 1 ? '' : 's'}
      </h2>
      <label className="check">
        <input
          type="checkbox"
          checked={choice.dropNamespace}
          onChange={(e) => setChoice({ ...choice, dropNamespace: e.target.checked })}
        />
        Leave out namespaces (for kustomize)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={choice.withRoutes}
          onChange={(e) => setChoice({ ...choice, withRoutes: e.target.checked })}
        />
        Include the IngressRouteTCPs that use them
      </label>
      {error && <p role="alert">{error}</p>}
      <pre className="code" data-testid="export-text" tabIndex={0} aria-label="Exported YAML">
        {text ?? 'Preparing…'}
      </pre>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!text}
          onClick={() => text && downloadText(fileName, text)}
        >
          Download
        </button>
        <button
          type="button"
          disabled={!text}
          onClick={() => {
            if (text) void navigator.clipboard.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
