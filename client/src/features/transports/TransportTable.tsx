import { useMemo, useRef, type ReactNode } from 'react';
import type { TransportSummary } from '@dialtone/shared';
import { SafeText, type SortKey } from '../shell';
import { formatAge, rowKey } from './listModel';
import { contentWidths, problemParts } from './columnWidths';
import { useNarrow } from './useNarrow';
import { useWindow } from './useWindow';

const ROW_HEIGHT = 36;

export type TableMode = 'all' | 'unused';

interface Column {
  key: string;
  label: string;
  /** Said in full where the label is short. */
  title?: string;
  sort?: SortKey;
  width(content: ReturnType<typeof contentWidths>, narrow: boolean): string;
  /** Left out on a phone-wide screen or in the Unused view, where it says nothing. */
  wide?: boolean;
  inUnused?: boolean;
}

const ch = (n: number) => `${String(n)}ch`;

const COLUMNS: Column[] = [
  { key: 'select', label: 'Select', width: () => '2rem', wide: true },
  {
    key: 'name',
    label: 'Name',
    sort: 'name',
    width: (c, narrow) =>
      narrow ? 'minmax(5rem, 1fr)' : `minmax(${ch(Math.min(c.name, 16))}, ${ch(c.name)})`,
  },
  { key: 'namespace', label: 'Namespace', sort: 'namespace', width: (c) => ch(c.namespace), wide: true },
  { key: 'tls', label: 'TLS mode', sort: 'tls', width: () => '5.5rem' },
  {
    key: 'timeouts',
    label: 'Timeouts',
    title: 'Dial timeout / dial keep-alive / termination delay',
    sort: 'dialTimeout',
    width: () => 'minmax(10rem, 1fr)',
    wide: true,
    inUnused: false,
  },
  { key: 'routes', label: 'Routes', sort: 'routes', width: () => '5rem', wide: true, inUnused: false },
  { key: 'problems', label: 'Problems', sort: 'problems', width: (c) => ch(c.problems) },
  { key: 'age', label: 'Age', sort: 'age', width: () => '4.5rem', wide: true },
];

/** A column added by another feature, e.g. one per Traefik instance. */
export interface ExtraColumn {
  key: string;
  label: string;
  width: string;
  render(row: TransportSummary): ReactNode;
}

const TLS_LABEL: Record<TransportSummary['effective']['tlsMode'], string> = {
  none: 'none',
  tls: 'TLS',
  mtls: 'mTLS',
  spiffe: 'SPIFFE',
  insecure: 'insecure',
};

interface Props {
  id: string;
  rows: TransportSummary[];
  /** The Unused view leaves out the columns about routes. */
  mode: TableMode;
  sort: SortKey;
  desc: boolean;
  onSort(key: SortKey): void;
  selected: ReadonlySet<string>;
  onSelect(keys: string[], on: boolean): void;
  hrefOf(row: TransportSummary): string;
  now: number;
  /** Shown after the built-in columns. */
  extraColumns?: ExtraColumn[];
}

function Problems({ counts, narrow }: { counts: TransportSummary['diagnostics']; narrow: boolean }) {
  const parts = problemParts(counts);
  if (parts.length === 0) return <span className="muted">none</span>;
  return (
    <span title={parts.map((p) => p.text).join(', ')}>
      {parts.map((part) => (
        <span key={part.severity} className={`pill pill-${part.severity}`}>
          {narrow ? (
            <>
              <span aria-hidden="true">{part.short}</span>
              <span className="visually-hidden">{part.text}</span>
            </>
          ) : (
            part.text
          )}
        </span>
      ))}
    </span>
  );
}

function Duration({ value }: { value: TransportSummary['effective']['dialTimeout'] }) {
  const title =
    value.origin === 'default'
      ? "Traefik's default"
      : value.origin === 'parse-error'
        ? `Traefik cannot read this value and uses 0: ${value.error ?? ''}`
        : 'set in the spec';
  return (
    <span className={`duration duration-${value.origin}`} title={title}>
      {value.display}
      {value.origin === 'default' && <span className="visually-hidden"> (default)</span>}
    </span>
  );
}

/** A virtualized table: only the rows in view are in the DOM, however long the list. */
export function TransportTable(props: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const narrow = useNarrow();
  const content = useMemo(() => contentWidths(props.rows, narrow), [props.rows, narrow]);
  const extra = narrow ? [] : (props.extraColumns ?? []);
  const shown = COLUMNS.filter(
    (c) => !(narrow && c.wide) && !(props.mode === 'unused' && c.inUnused === false),
  );
  const keys = new Set(shown.map((c) => c.key));
  const GRID = [...shown.map((c) => c.width(content, narrow)), ...extra.map((c) => c.width)].join(' ');
  const { start, end } = useWindow(scroller, ROW_HEIGHT, props.rows.length);
  const allKeys = props.rows.map(rowKey);
  const allSelected = allKeys.length > 0 && allKeys.every((k) => props.selected.has(k));
  return (
    <div
      className="table"
      role="table"
      id={props.id}
      aria-label="ServersTransportTCPs"
      aria-rowcount={props.rows.length + 1}
      ref={scroller}
      tabIndex={-1}
    >
      <div className="table-head" role="rowgroup">
        <div className="table-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID }}>
          {[...shown, ...extra].map((column) => {
            const sort = 'sort' in column ? column.sort : undefined;
            const sorted = sort !== undefined && sort === props.sort;
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-sort={sorted ? (props.desc ? 'descending' : 'ascending') : undefined}
              >
                {column.key === 'select' ? (
                  <input
                    type="checkbox"
                    aria-label="Select all shown transports"
                    checked={allSelected}
                    onChange={(e) => props.onSelect(allKeys, e.target.checked)}
                  />
                ) : sort ? (
                  <button
                    type="button"
                    className="sort"
                    title={'title' in column ? column.title : undefined}
                    onClick={() => props.onSort(sort)}
                  >
                    {column.label}
                    <span aria-hidden="true">{sorted ? (props.desc ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  column.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="table-body" style={{ height: props.rows.length * ROW_HEIGHT }}>
        {props.rows.slice(start, end).map((row, i) => {
          const index = start + i;
          const key = rowKey(row);
          return (
            <div
              key={key}
              className="table-row"
              role="row"
              aria-rowindex={index + 2}
              data-testid="transport-row"
              style={{ gridTemplateColumns: GRID, transform: `translateY(${String(index * ROW_HEIGHT)}px)` }}
            >
              {keys.has('select') && (
                <div role="cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.namespace}/${row.name}`}
                    checked={props.selected.has(key)}
                    onChange={(e) => props.onSelect([key], e.target.checked)}
                  />
                </div>
              )}
              <div role="cell" className="cell-name">
                <a href={props.hrefOf(row)}>
                  <SafeText text={row.name} />
                </a>
                {!narrow && row.badges.includes('proxy-protocol') && (
                  <span className="pill pill-info">PROXY</span>
                )}
                {!narrow && row.badges.includes('deprecated-fields') && (
                  <span className="pill pill-warning">deprecated</span>
                )}
              </div>
              {keys.has('namespace') && (
                <div role="cell">
                  <SafeText text={row.namespace} />
                </div>
              )}
              <div role="cell">
                <span className={`tls tls-${row.effective.tlsMode}`}>{TLS_LABEL[row.effective.tlsMode]}</span>
              </div>
              {keys.has('timeouts') && (
                <div role="cell" className="timeouts">
                  <Duration value={row.effective.dialTimeout} /> /{' '}
                  <Duration value={row.effective.dialKeepAlive} /> /{' '}
                  <Duration value={row.effective.terminationDelay} />
                </div>
              )}
              {keys.has('routes') && (
                <div role="cell">
                  {row.routeCount === 0 ? <span className="muted">unused</span> : row.routeCount}
                </div>
              )}
              <div role="cell">
                <Problems counts={row.diagnostics} narrow={narrow} />
              </div>
              {keys.has('age') && (
                <div role="cell" title={row.creationTimestamp}>
                  {formatAge(row.creationTimestamp, props.now)}
                </div>
              )}
              {extra.map((column) => (
                <div role="cell" key={column.key}>
                  {column.render(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
