import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import {
  Header,
  HelpDialog,
  listRoute,
  useClusters,
  useRoute,
  useShortcuts,
  useTheme,
  type Route,
} from '../features/shell';
import { TransportDetailView, TransportList } from '../features/transports';

// The editing views carry the YAML model and, behind them, Monaco: none of it is needed to browse.
const EditorPage = lazy(() => import('../features/editor').then((m) => ({ default: m.EditorPage })));
const ImportPage = lazy(() => import('../features/editor').then((m) => ({ default: m.ImportPage })));

function focusSearch() {
  requestAnimationFrame(() => document.getElementById('transport-search')?.focus());
}

export function App() {
  const [route, go] = useRoute();
  const clusters = useClusters();
  const [theme, setTheme] = useTheme();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    if (route.view !== 'home' || !clusters.data) return;
    const first = clusters.data.defaultCluster ?? clusters.data.clusters[0]?.name;
    if (first) go(listRoute(first, []), { replace: true });
  }, [route.view, clusters.data, go]);

  const cluster = route.view === 'home' ? undefined : route.cluster;
  const namespaces = route.view === 'home' ? [] : route.namespaces;

  const shortcuts = useMemo(
    () => ({
      '/': () => {
        if (route.view !== 'list' && cluster) go(listRoute(cluster, namespaces));
        focusSearch();
      },
      '?': () => setHelp(true),
      n: () => {
        if (cluster) go({ view: 'new', cluster, namespaces, template: 'tls', tab: 'form' });
      },
    }),
    [route.view, cluster, namespaces, go],
  );
  useShortcuts(shortcuts);

  const onNamespaces = (next: string[]) => {
    if (route.view === 'home') return;
    const updated: Route = { ...route, namespaces: next };
    go(updated, { replace: true });
  };

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <Header
        cluster={cluster}
        namespaces={namespaces}
        onCluster={(name) => go(listRoute(name, []))}
        onNamespaces={onNamespaces}
        theme={theme}
        onTheme={setTheme}
        onHelp={() => setHelp(true)}
      />
      <main id="main" tabIndex={-1}>
        {route.view === 'home' && (
          <p>
            {clusters.isError
              ? `The clusters could not be loaded: ${clusters.error.message}`
              : 'Loading clusters…'}
          </p>
        )}
        {route.view === 'list' && (
          <TransportList
            cluster={route.cluster}
            namespaces={route.namespaces}
            state={route.list}
            onState={(list) => go({ ...route, list }, { replace: true })}
            go={go}
          />
        )}
        {route.view === 'detail' && (
          <TransportDetailView
            key={`${route.cluster}/${route.namespace}/${route.name}`}
            cluster={route.cluster}
            namespaces={route.namespaces}
            namespace={route.namespace}
            name={route.name}
            go={(next, options) => go(next, options)}
          />
        )}
        <Suspense fallback={<p>Loading the editor…</p>}>
          {(route.view === 'edit' || route.view === 'new') && (
            <EditorPage
              key={
                route.view === 'edit'
                  ? `${route.cluster}/${route.namespace}/${route.name}`
                  : `new/${route.cluster}/${route.template}`
              }
              route={route}
              go={go}
            />
          )}
          {route.view === 'import' && (
            <ImportPage cluster={route.cluster} namespaces={route.namespaces} go={go} />
          )}
        </Suspense>
      </main>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </>
  );
}
