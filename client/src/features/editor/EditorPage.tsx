import { apiPaths, type ServersTransportTCP, type TransportDetail } from '@dialtone/shared';
import { getJson } from '../../api';
import {
  formatRoute,
  listRoute,
  SafeText,
  useCreateRefusal,
  useNamespaces,
  type EditorTab,
  type Go,
  type Route,
} from '../shell';
import { useTransport } from '../transports';
import { draftKey } from './drafts';
import { Editing } from './Editing';
import { modelPathFor } from './modelPath';
import { editableText } from './objectText';
import { useSchema } from './queries';
import { TEMPLATES, templateById, templateText } from './templates';

interface Props {
  route: Extract<Route, { view: 'edit' } | { view: 'new' }>;
  go: Go;
}

/** Edit an existing transport or create one from a template, once the schema (and object) are in. */
export function EditorPage({ route, go }: Props) {
  const { cluster, namespaces } = route;
  const isNew = route.view === 'new';
  const schema = useSchema(cluster);
  const detail = useTransport(cluster, isNew ? '' : route.namespace, isNew ? '' : route.name, !isNew);
  const namespaceOptions = useNamespaces(cluster);
  const newNamespace = namespaces[0] ?? 'default';
  const createRefusal = useCreateRefusal(cluster, isNew ? [newNamespace] : []);
  const onTab = (tab: EditorTab) => go({ ...route, tab }, { replace: true, force: true });

  if (schema.isError) return <p role="alert">The schema could not be loaded: {schema.error.message}</p>;
  if (!isNew && detail.isError)
    return <p role="alert">The transport could not be loaded: {detail.error.message}</p>;
  if (!schema.data || (!isNew && !detail.data)) return <p>Loading…</p>;

  if (route.view === 'new') {
    const namespace = newNamespace;
    const template = templateById(route.template);
    return (
      <>
        <div className="toolbar">
          <label className="inline-field">
            Template
            <select
              value={template.id}
              onChange={(e) => go({ ...route, template: e.target.value }, { replace: true })}
            >
              {TEMPLATES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <a href={formatRoute(listRoute(cluster, namespaces))}>Cancel</a>
        </div>
        <Editing
          cluster={cluster}
          namespaces={namespaces}
          namespaceOptions={namespaceOptions.data ?? []}
          schema={schema.data.resource}
          initial={{ object: undefined, text: templateText(template, namespace, route.name) }}
          draftKey={draftKey(cluster, '(new)', route.name ? `${template.id}:${route.name}` : template.id)}
          tab={route.tab}
          onTab={onTab}
          usage={[]}
          canSave={createRefusal ? { ok: false, reason: createRefusal } : { ok: true }}
          go={go}
          fetchCurrent={() => Promise.reject(new Error('A new transport has no server version.'))}
          modelPath={modelPathFor(cluster, namespace, `new-${template.id}`)}
        />
      </>
    );
  }

  const data = detail.data as TransportDetail;
  const object = data.object;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a
          href={formatRoute({
            view: 'detail',
            cluster,
            namespaces,
            namespace: route.namespace,
            name: route.name,
          })}
        >
          Back to <SafeText text={route.name} />
        </a>
      </nav>
      {schema.data.response.origin === 'bundled' && (
        <p className="muted">Using Dialtone&apos;s bundled schema: {schema.data.response.reason}</p>
      )}
      <Editing
        cluster={cluster}
        namespaces={namespaces}
        namespaceOptions={namespaceOptions.data ?? []}
        schema={schema.data.resource}
        initial={{ object, text: editableText(object) }}
        draftKey={draftKey(cluster, route.namespace, route.name)}
        tab={route.tab}
        onTab={onTab}
        usage={data.usage}
        canSave={
          data.permissions.update
            ? { ok: true }
            : { ok: false, reason: 'You may not update ServersTransportTCPs in this namespace.' }
        }
        go={go}
        fetchCurrent={async () =>
          (await getJson<TransportDetail>(apiPaths.transport(cluster, route.namespace, route.name)))
            .object as ServersTransportTCP
        }
        modelPath={modelPathFor(cluster, route.namespace, route.name)}
      />
    </>
  );
}
