import { lazy, Suspense, useState } from 'react';
import { isApiError } from '../../api';
import { lastProbeOf, ProbePanel } from '../probe';
import { TraefikSection } from '../traefik';
import { formatRoute, listRoute, SafeText, type Route } from '../shell';
import { DeleteDialog } from './DeleteDialog';
import { DiagnosticList } from './DiagnosticList';
import { EffectiveValues } from './EffectiveValues';
import { gitOpsOwner } from './gitops';
import { GitOpsNote } from './GitOpsNote';
import { References, Usage } from './References';
import { useTransport } from './useTransport';

const ExportDialog = lazy(() => import('./ExportDialog'));

interface Props {
  cluster: string;
  namespaces: string[];
  namespace: string;
  name: string;
  go(route: Route, options?: { force?: boolean }): void;
}

function Metadata({ entries, label }: { entries: Record<string, string> | undefined; label: string }) {
  const list = Object.entries(entries ?? {});
  if (list.length === 0) return null;
  return (
    <table className="kv" aria-label={label}>
      <caption>{label}</caption>
      <tbody>
        {list.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">
              <SafeText text={key} />
            </th>
            <td>
              <SafeText text={value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TransportDetailView({ cluster, namespaces, namespace, name, go }: Props) {
  const detail = useTransport(cluster, namespace, name);
  const [dialog, setDialog] = useState<'delete' | 'export'>();
  const scoped = { cluster, namespaces };
  const back = formatRoute(listRoute(cluster, namespaces));

  if (detail.isPending)
    return (
      <p>
        Loading <SafeText text={`${namespace}/${name}`} />…
      </p>
    );
  if (detail.isError) {
    return (
      <section>
        <p role="alert" className="banner banner-error">
          {isApiError(detail.error, 'not_found')
            ? `There is no ServersTransportTCP ${namespace}/${name} (it may have been deleted).`
            : detail.error.message}
        </p>
        <a href={back}>Back to the list</a>
      </section>
    );
  }
  const { object, permissions } = detail.data;
  const version = object.metadata.resourceVersion ?? '';
  const owner = gitOpsOwner(object.metadata);
  const editReason = permissions.update
    ? undefined
    : 'You may not update ServersTransportTCPs in this namespace.';
  const deleteReason = permissions.delete
    ? undefined
    : 'You may not delete ServersTransportTCPs in this namespace.';

  return (
    <section className="detail" aria-labelledby="detail-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={back}>Transports</a> / <SafeText text={namespace} /> /
      </nav>
      <div className="toolbar">
        <h2 id="detail-title">
          <SafeText text={name} />
        </h2>
        <code className="muted" title="Traefik's name for this transport">
          <SafeText text={detail.data.traefikId} />
        </code>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          disabled={!permissions.update}
          aria-describedby={editReason ? 'edit-reason' : undefined}
          onClick={() => go({ view: 'edit', ...scoped, namespace, name, tab: 'form' })}
        >
          Edit
        </button>
        <button type="button" onClick={() => setDialog('export')}>
          Export YAML
        </button>
        <button
          type="button"
          className="danger"
          disabled={!permissions.delete}
          aria-describedby={deleteReason ? 'delete-reason' : undefined}
          onClick={() => setDialog('delete')}
        >
          Delete
        </button>
      </div>
      {owner && <GitOpsNote owner={owner} />}
      {editReason && (
        <p id="edit-reason" className="muted">
          Edit is disabled: {editReason}
        </p>
      )}
      {deleteReason && (
        <p id="delete-reason" className="muted">
          Delete is disabled: {deleteReason}
        </p>
      )}
      {!permissions.readSecrets && (
        <p className="muted">You may not read Secrets here, so certificate details are hidden.</p>
      )}
      <ProbePanel
        cluster={cluster}
        namespace={namespace}
        name={name}
        transport={{ namespace, name }}
        spec={object.spec}
        usage={detail.data.usage}
      />
      <TraefikSection
        cluster={cluster}
        namespace={namespace}
        name={name}
        resourceVersion={version}
        lastProbe={lastProbeOf(cluster, namespace, name)}
      />
      <div className="columns">
        <section aria-labelledby="effective-title" className="panel">
          <h3 id="effective-title">Effective values</h3>
          <EffectiveValues values={detail.data.effective} />
          <Metadata entries={object.metadata.labels} label="Labels" />
          <Metadata entries={object.metadata.annotations} label="Annotations" />
        </section>
        <section aria-labelledby="diagnostics-title" className="panel">
          <h3 id="diagnostics-title">Diagnostics</h3>
          <DiagnosticList diagnostics={detail.data.diagnostics} />
          {detail.data.diagnostics.length > 0 && permissions.update && (
            <a href={formatRoute({ view: 'edit', ...scoped, namespace, name, tab: 'yaml' })}>
              Fix them in the YAML editor
            </a>
          )}
        </section>
      </div>
      <section aria-labelledby="references-title" className="panel">
        <h3 id="references-title">Referenced Secrets and ConfigMaps</h3>
        <References references={detail.data.references} />
      </section>
      <section aria-labelledby="usage-title" className="panel">
        <h3 id="usage-title">Routes using it</h3>
        <Usage usage={detail.data.usage} />
      </section>
      {dialog === 'delete' && (
        <DeleteDialog
          cluster={cluster}
          namespace={namespace}
          name={name}
          resourceVersion={version}
          usage={detail.data.usage}
          onClose={() => setDialog(undefined)}
          onDone={() => go(listRoute(cluster, namespaces), { force: true })}
        />
      )}
      {dialog === 'export' && (
        <Suspense fallback={null}>
          <ExportDialog
            cluster={cluster}
            items={[{ namespace, name }]}
            onClose={() => setDialog(undefined)}
          />
        </Suspense>
      )}
    </section>
  );
}
