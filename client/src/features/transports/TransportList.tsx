import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { formatRoute, SafeText, useCreateRefusal, type ListState, type Route, type SortKey } from '../shell';
import { DanglingView } from './DanglingView';
import { FILTER_GROUPS, rowKey, TABLE_ID, visibleRows } from './listModel';
import { useReferenceProblems } from './referenceProblems';
import { TraefikCell, traefikColumnLabel, useTraefikOverview } from '../traefik';
import { TransportTable, type ExtraColumn } from './TransportTable';
import { useTransportList } from './useTransportList';

const ExportDialog = lazy(() => import('./ExportDialog'));

interface Props {
  cluster: string;
  namespaces: string[];
  state: ListState;
  onState(state: ListState): void;
  go(route: Route): void;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function TransportList({ cluster, namespaces, state, onState, go }: Props) {
  const { query, stream } = useTransportList(cluster, namespaces);
  const createRefusal = useCreateRefusal(cluster, namespaces);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState(false);
  const now = useNow();
  const items = useReferenceProblems(cluster, query.data?.items);
  const rows = useMemo(
    () => (items ? visibleRows(items, namespaces, state) : []),
    [items, namespaces, state],
  );

  const set = (patch: Partial<ListState>) => onState({ ...state, ...patch });
  const onSort = (sort: SortKey) => set({ sort, desc: sort === state.sort ? !state.desc : false });
  const toggleFilter = (filter: string) =>
    set({
      filters: state.filters.includes(filter)
        ? state.filters.filter((f) => f !== filter)
        : [...state.filters, filter],
    });
  const onSelect = (keys: string[], on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });
  const traefik = useTraefikOverview(cluster);
  const traefikColumns: ExtraColumn[] = (traefik.data?.instances ?? []).map((instance) => ({
    key: `traefik:${instance.instance.id}`,
    label: traefikColumnLabel(instance),
    width: 'minmax(7rem, 1fr)',
    render: (row) => <TraefikCell instance={instance} traefikId={row.traefikId} />,
  }));
  const leaveSearch = () => {
    const firstRow = document.querySelector<HTMLElement>(`#${TABLE_ID} [data-testid="transport-row"] a`);
    (firstRow ?? document.getElementById(TABLE_ID))?.focus();
  };
  const chosen = query.data?.items.filter((item) => selected.has(rowKey(item))) ?? [];
  const scoped = { cluster, namespaces };

  return (
    <section className="list-view" aria-labelledby="list-title">
      <div className="toolbar">
        <h2 id="list-title">Transports</h2>
        <div role="tablist" aria-label="Views" className="segmented">
          {(
            [
              ['all', 'All'],
              ['unused', 'Unused'],
              ['dangling', 'Dangling references'],
            ] as const
          ).map(([mode, label]) => (
            <button
              key={mode}
              type="button"
              role="tab"
              aria-selected={state.mode === mode}
              onClick={() => set({ mode })}
            >
              {label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          disabled={createRefusal !== undefined}
          title={createRefusal}
          aria-describedby={createRefusal ? 'create-refusal' : undefined}
          onClick={() => go({ view: 'new', ...scoped, template: 'tls', tab: 'form' })}
        >
          New transport
        </button>
        {createRefusal && (
          <span id="create-refusal" className="muted">
            {createRefusal}
          </span>
        )}
        <button type="button" onClick={() => go({ view: 'import', ...scoped })}>
          Import YAML
        </button>
        <button
          type="button"
          onClick={() => setExporting(true)}
          disabled={chosen.length === 0}
          title={chosen.length === 0 ? 'Select transports first' : undefined}
        >
          Export YAML{chosen.length > 0 ? ` (${String(chosen.length)})` : ''}
        </button>
      </div>
      <div className="toolbar">
        <label className="search">
          <span>Search</span>
          <input
            id="transport-search"
            type="search"
            value={state.q}
            onChange={(e) => set({ q: e.target.value })}
            placeholder="name, namespace, TLS mode…  (press /)"
            aria-keyshortcuts="/"
            onKeyDown={(e) => {
              // Escape leaves the box with the words kept, rather than the browser's clearing them.
              if (e.key !== 'Escape') return;
              e.preventDefault();
              leaveSearch();
            }}
          />
        </label>
        <div className="filters" role="group" aria-label="Filters">
          {FILTER_GROUPS.map((group) => (
            <div key={group.id} className="filter-group" role="group" aria-labelledby={`filter-${group.id}`}>
              <span id={`filter-${group.id}`} className="filter-label">
                {group.label}
              </span>
              {group.chips.map((chip) => (
                <button
                  key={chip.id}
                  type="button"
                  className="chip"
                  aria-pressed={state.filters.includes(chip.id)}
                  onClick={() => toggleFilter(chip.id)}
                >
                  {chip.label}
                </button>
              ))}
            </div>
          ))}
          {state.filters.length > 0 && (
            <button type="button" className="link" onClick={() => set({ filters: [] })}>
              Clear filters
            </button>
          )}
        </div>
      </div>
      <p className="status-line" aria-live="polite">
        {query.isSuccess && (
          <>
            <span data-testid="row-count">{rows.length}</span> of {query.data.items.length} shown
          </>
        )}
        {' · '}
        <span className={`stream stream-${stream}`}>
          {stream === 'live' ? 'Live' : stream === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      </p>
      {query.isPending && <p>Loading transports…</p>}
      {query.isError && (
        <p role="alert" className="banner banner-error">
          The transports could not be loaded: <SafeText text={query.error.message} />
        </p>
      )}
      {state.mode === 'dangling'
        ? query.isSuccess && <DanglingView list={query.data} cluster={cluster} namespaces={namespaces} />
        : query.isSuccess && (
            <TransportTable
              id={TABLE_ID}
              mode={state.mode}
              rows={rows}
              sort={state.sort}
              desc={state.desc}
              onSort={onSort}
              selected={selected}
              onSelect={onSelect}
              hrefOf={(row) =>
                formatRoute({ view: 'detail', ...scoped, namespace: row.namespace, name: row.name })
              }
              now={now}
              extraColumns={traefikColumns}
            />
          )}
      {traefik.data && traefik.data.suggestions.length > 0 && (
        <p className="muted" data-testid="traefik-suggestions">
          Traefik's API may be reachable at{' '}
          {traefik.data.suggestions.map((target) => (
            <code key={target}>
              <SafeText text={target} />{' '}
            </code>
          ))}
          (a Service labelled app.kubernetes.io/name=traefik). Dialtone reads it only when started with{' '}
          <code>--traefik-api {cluster}=TARGET</code>.
        </p>
      )}
      {query.isSuccess && rows.length === 0 && state.mode !== 'dangling' && (
        <p className="empty">No transport matches. Clear the search or the filters.</p>
      )}
      {exporting && (
        <Suspense fallback={null}>
          <ExportDialog cluster={cluster} items={chosen} onClose={() => setExporting(false)} />
        </Suspense>
      )}
    </section>
  );
}
