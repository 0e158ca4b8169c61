import { lazy, Suspense } from 'react';
import type { Go, Route } from '../features/shell';
import { TransportDetailView, TransportList } from '../features/transports';

// The editing views carry the YAML model and, behind them, Monaco: none of it is needed to browse.
const EditorPage = lazy(() => import('../features/editor').then((m) => ({ default: m.EditorPage })));
const ImportPage = lazy(() => import('../features/editor').then((m) => ({ default: m.ImportPage })));

/** The view a URL names. */
export function Views({ route, go, homeMessage }: { route: Route; go: Go; homeMessage: string }) {
  switch (route.view) {
    case 'home':
      return <p>{homeMessage}</p>;
    case 'list':
      return (
        <TransportList
          cluster={route.cluster}
          namespaces={route.namespaces}
          state={route.list}
          onState={(list) => go({ ...route, list }, { replace: true })}
          go={go}
        />
      );
    case 'detail':
      return (
        <TransportDetailView
          key={`${route.cluster}/${route.namespace}/${route.name}`}
          cluster={route.cluster}
          namespaces={route.namespaces}
          namespace={route.namespace}
          name={route.name}
          go={go}
        />
      );
    case 'edit':
    case 'new':
      return (
        <Suspense fallback={<p>Loading the editor…</p>}>
          <EditorPage
            key={
              route.view === 'edit'
                ? `${route.cluster}/${route.namespace}/${route.name}`
                : `new/${route.cluster}/${route.template}/${route.name ?? ''}`
            }
            route={route}
            go={go}
          />
        </Suspense>
      );
    case 'import':
      return (
        <Suspense fallback={<p>Loading…</p>}>
          <ImportPage cluster={route.cluster} namespaces={route.namespaces} go={go} />
        </Suspense>
      );
  }
}
