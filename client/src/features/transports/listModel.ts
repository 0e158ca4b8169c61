import type { TransportBadge, TransportSummary } from '@dialtone/shared';
import type { ListState, SortKey } from '../shell';

export const BADGE_FILTERS: readonly TransportBadge[] = [
  'tls',
  'mtls',
  'spiffe',
  'insecure',
  'proxy-protocol',
  'deprecated-fields',
];
export const PROBLEM_FILTERS = ['errors', 'warnings', 'clean'] as const;

export function rowKey(item: { namespace: string; name: string }): string {
  return `${item.namespace}/${item.name}`;
}

function problemScore(item: TransportSummary): number {
  return item.diagnostics.error * 1_000_000 + item.diagnostics.warning * 1_000 + item.diagnostics.info;
}

const TLS_ORDER = ['none', 'tls', 'mtls', 'spiffe', 'insecure'];

function compareBy(key: SortKey): (a: TransportSummary, b: TransportSummary) => number {
  switch (key) {
    case 'namespace':
      return (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
    case 'tls':
      return (a, b) => TLS_ORDER.indexOf(a.effective.tlsMode) - TLS_ORDER.indexOf(b.effective.tlsMode);
    case 'dialTimeout':
      return (a, b) => a.effective.dialTimeout.milliseconds - b.effective.dialTimeout.milliseconds;
    case 'routes':
      return (a, b) => a.routeCount - b.routeCount;
    case 'problems':
      return (a, b) => problemScore(a) - problemScore(b);
    case 'age':
      // Newest first reads as "youngest age" first, like kubectl's AGE column sorted ascending.
      return (a, b) => (b.creationTimestamp ?? '').localeCompare(a.creationTimestamp ?? '');
    case 'name':
      return (a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace);
  }
}

function matchesFilter(item: TransportSummary, filter: string): boolean {
  if (filter === 'errors') return item.diagnostics.error > 0;
  if (filter === 'warnings') return item.diagnostics.warning > 0;
  if (filter === 'clean') return item.diagnostics.error + item.diagnostics.warning === 0;
  return item.badges.includes(filter as TransportBadge);
}

function matchesSearch(item: TransportSummary, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = `${item.namespace}/${item.name} ${item.traefikId} ${item.effective.tlsMode} ${
    item.effective.serverName ?? ''
  } ${item.badges.join(' ')}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** What the table shows: namespace scope, view, filters, search, then a stable sort. */
export function visibleRows(items: readonly TransportSummary[], namespaces: string[], state: ListState) {
  const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
  const scope = namespaces.length > 0 ? new Set(namespaces) : undefined;
  const rows = items.filter(
    (item) =>
      (!scope || scope.has(item.namespace)) &&
      (state.mode !== 'unused' || item.routeCount === 0) &&
      state.filters.every((f) => matchesFilter(item, f)) &&
      matchesSearch(item, words),
  );
  const compare = compareBy(state.sort);
  const tieBreak = compareBy('name');
  rows.sort((a, b) => {
    const c = compare(a, b) || tieBreak(a, b);
    return state.desc ? -c : c;
  });
  return rows;
}

/** Kubernetes-style age: 45s, 12m, 5h, 3d, 2y. */
export function formatAge(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '—';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (Number.isNaN(seconds)) return '—';
  if (seconds < 120) return `${String(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${String(minutes)}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${String(hours)}h`;
  const days = Math.floor(hours / 24);
  if (days < 730) return `${String(days)}d`;
  return `${String(Math.floor(days / 365))}y`;
}

type RowEvent =
  | { type: 'ADDED' | 'MODIFIED'; summary: TransportSummary }
  | { type: 'DELETED'; namespace: string; name: string };

/**
 * Applies a burst of stream events in one pass: a relist of thousands of objects arrives as
 * thousands of events, and applying them one by one would cost a copy of the rows each.
 * Rows keep their order; new ones go last.
 */
export function applyEvents(
  items: readonly TransportSummary[],
  events: readonly RowEvent[],
): TransportSummary[] {
  if (events.length === 0) return items.slice();
  const latest = new Map<string, TransportSummary | undefined>();
  for (const event of events) {
    if (event.type === 'DELETED') latest.set(rowKey(event), undefined);
    else latest.set(rowKey(event.summary), event.summary);
  }
  const next: TransportSummary[] = [];
  for (const item of items) {
    const key = rowKey(item);
    if (!latest.has(key)) {
      next.push(item);
      continue;
    }
    const replacement = latest.get(key);
    if (replacement) next.push(replacement);
    latest.delete(key);
  }
  for (const added of latest.values()) if (added) next.push(added);
  return next;
}
