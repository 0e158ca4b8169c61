import type { TransportSummary } from '@dialtone/shared';
import type { ListState, SortKey } from '../shell';

export interface FilterChip {
  id: string;
  label: string;
  matches(item: TransportSummary): boolean;
}

/** Chips of one group answer "any of these"; groups together answer "all of the groups". */
export interface FilterGroup {
  id: string;
  label: string;
  chips: readonly FilterChip[];
}

const tlsMode = (mode: TransportSummary['effective']['tlsMode']) => (item: TransportSummary) =>
  item.effective.tlsMode === mode;

export const FILTER_GROUPS: readonly FilterGroup[] = [
  {
    id: 'tls',
    label: 'TLS mode',
    chips: [
      { id: 'plain', label: 'plain TCP', matches: tlsMode('none') },
      { id: 'tls', label: 'TLS', matches: tlsMode('tls') },
      { id: 'mtls', label: 'mTLS', matches: tlsMode('mtls') },
      { id: 'spiffe', label: 'SPIFFE', matches: tlsMode('spiffe') },
      { id: 'insecure', label: 'insecure', matches: tlsMode('insecure') },
    ],
  },
  {
    id: 'settings',
    label: 'Settings',
    chips: [
      {
        id: 'proxy-protocol',
        label: 'PROXY protocol',
        matches: (item) => item.badges.includes('proxy-protocol'),
      },
      {
        id: 'deprecated-fields',
        label: 'deprecated fields',
        matches: (item) => item.badges.includes('deprecated-fields'),
      },
    ],
  },
  {
    id: 'problems',
    label: 'Problems',
    chips: [
      { id: 'errors', label: 'errors', matches: (item) => item.diagnostics.error > 0 },
      { id: 'warnings', label: 'warnings', matches: (item) => item.diagnostics.warning > 0 },
      {
        id: 'clean',
        label: 'no problems',
        matches: (item) => item.diagnostics.error + item.diagnostics.warning === 0,
      },
    ],
  },
];

/** The chosen chips as one test: OR within a group, AND across groups; unknown ids are ignored. */
function filterTest(filters: readonly string[]): (item: TransportSummary) => boolean {
  const chosen = new Set(filters);
  const active = FILTER_GROUPS.map((group) => group.chips.filter((chip) => chosen.has(chip.id))).filter(
    (chips) => chips.length > 0,
  );
  return (item) => active.every((chips) => chips.some((chip) => chip.matches(item)));
}

/** The list's table: the skip link and Escape in the search box land in it. */
export const TABLE_ID = 'transports-table';

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
  const matchesFilters = filterTest(state.filters);
  const rows = items.filter(
    (item) =>
      (!scope || scope.has(item.namespace)) &&
      (state.mode !== 'unused' || item.routeCount === 0) &&
      matchesFilters(item) &&
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
