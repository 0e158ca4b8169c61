import { useRef, type ReactNode } from 'react';
import type { TransportSummary } from '@dialtone/shared';
import { SafeText, type SortKey } from '../shell';
import { formatAge, rowKey } from './listModel';
import { useWindow } from './useWindow';

const ROW_HEIGHT = 36;

interface Column {
  key: string;
  label: string;
  sort?: SortKey;
  width: string;
}

const COLUMNS: Column[] = [
  { key: 'select', label: 'Select', width: '2.5rem' },
  { key: 'name', label: 'Name', sort: 'name', width: 'minmax(10rem, 2fr)' },
  { key: 'namespace', label: 'Namespace', sort: 'namespace', width: 'minmax(6rem, 1fr)' },
  { key: 'tls', label: 'TLS mode', sort: 'tls', width: '7rem' },
  {
    key: 'timeouts',
    label: 'Dial / keep-alive / termination',
    sort: 'dialTimeout',
    width: 'minmax(12rem, 1.5fr)',
  },
  { key: 'routes', label: 'Routes', sort: 'routes', width: '5rem' },
  { key: 'problems', label: 'Problems', sort: 'problems', width: '8rem' },
  { key: 'age', label: 'Age', sort: 'age', width: '4.5rem' },
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
  rows: TransportSummary[];
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

function Problems({ counts }: { counts: TransportSummary['diagnostics'] }) {
  const parts: ReactNode[] = [];
  if (counts.error > 0)
    parts.push(
      <span key="e" className="pill pill-error">
        {counts.error} error{counts.error > 1 ? 's' : ''}
      </span>,
    );
  if (counts.warning > 0)
    parts.push(
      <span key="w" className="pill pill-warning">
        {counts.warning} warning{counts.warning > 1 ? 's' : ''}
      </span>,
    );
  if (parts.length === 0) return <span className="muted">none</span>;
  return <>{parts}</>;
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
  const extra = props.extraColumns ?? [];
  const columns: (Column | ExtraColumn)[] = [...COLUMNS, ...extra];
  const GRID = columns.map((c) => c.width).join(' ');
  const { start, end } = useWindow(scroller, ROW_HEIGHT, props.rows.length);
  const allKeys = props.rows.map(rowKey);
  const allSelected = allKeys.length > 0 && allKeys.every((k) => props.selected.has(k));
  return (
    <div
      className="table"
      role="table"
      aria-label="ServersTransportTCPs"
      aria-rowcount={props.rows.length + 1}
      ref={scroller}
      tabIndex={-1}
    >
      <div className="table-head" role="rowgroup">
        <div className="table-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID }}>
          {columns.map((column) => {
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
                  <button type="button" className="sort" onClick={() => props.onSort(sort)}>
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
              <div role="cell">
                <input
                  type="checkbox"
                  aria-label={`Select ${row.namespace}/${row.name}`}
                  checked={props.selected.has(key)}
                  onChange={(e) => props.onSelect([key], e.target.checked)}
                />
              </div>
              <div role="cell" className="cell-name">
                <a href={props.hrefOf(row)}>
                  <SafeText text={row.name} />
                </a>
                {row.badges.includes('proxy-protocol') && <span className="pill pill-info">PROXY</span>}
                {row.badges.includes('deprecated-fields') && (
                  <span className="pill pill-warning">deprecated</span>
                )}
              </div>
              <div role="cell">
                <SafeText text={row.namespace} />
              </div>
              <div role="cell">
                <span className={`tls tls-${row.effective.tlsMode}`}>{TLS_LABEL[row.effective.tlsMode]}</span>
              </div>
              <div role="cell" className="timeouts">
                <Duration value={row.effective.dialTimeout} /> /{' '}
                <Duration value={row.effective.dialKeepAlive} /> /{' '}
                <Duration value={row.effective.terminationDelay} />
              </div>
              <div role="cell">
                {row.routeCount === 0 ? <span className="muted">unused</span> : row.routeCount}
              </div>
              <div role="cell">
                <Problems counts={row.diagnostics} />
              </div>
              <div role="cell" title={row.creationTimestamp}>
                {formatAge(row.creationTimestamp, props.now)}
              </div>
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
