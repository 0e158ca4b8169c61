/**
 * Every view has a URL. Hash routing, because the server serves the built files as they are and
 * needs no fallback route for deep links.
 */

export type EditorTab = 'form' | 'yaml' | 'diff';
export type ListMode = 'all' | 'unused' | 'dangling';
export type SortKey = 'name' | 'namespace' | 'tls' | 'dialTimeout' | 'routes' | 'problems' | 'age';

export interface ListState {
  q: string;
  sort: SortKey;
  desc: boolean;
  /** Badge and problem filters, all of which must match. */
  filters: string[];
  mode: ListMode;
}

interface Scoped {
  cluster: string;
  /** The namespace filter of the shell; empty means all namespaces. */
  namespaces: string[];
}

export type Route =
  | { view: 'home' }
  | ({ view: 'list'; list: ListState } & Scoped)
  | ({ view: 'detail'; namespace: string; name: string } & Scoped)
  | ({ view: 'edit'; namespace: string; name: string; tab: EditorTab } & Scoped)
  | ({
      view: 'new';
      template: string;
      tab: EditorTab;
      /** Prefilled, e.g. a transport a route names. */ name?: string;
    } & Scoped)
  | ({ view: 'import' } & Scoped);

export const DEFAULT_LIST: ListState = { q: '', sort: 'name', desc: false, filters: [], mode: 'all' };

const SORT_KEYS: readonly SortKey[] = [
  'name',
  'namespace',
  'tls',
  'dialTimeout',
  'routes',
  'problems',
  'age',
];
const TABS: readonly EditorTab[] = ['form', 'yaml', 'diff'];
const MODES: readonly ListMode[] = ['all', 'unused', 'dangling'];

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

function list(value: string | null): string[] {
  return value ? value.split(',').filter((v) => v !== '') : [];
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const parts = pathPart
    .split('/')
    .filter((p) => p !== '')
    .map(decode);
  if (parts.some((p) => p === undefined) || parts[0] !== 'c' || !parts[1]) return { view: 'home' };
  const segments = parts as string[];
  const scoped: Scoped = { cluster: segments[1]!, namespaces: list(query.get('ns')) };
  const rest = segments.slice(2);
  const tab = pick(query.get('tab'), TABS, 'form');
  if (rest[0] === 'ns' && rest[2] === 'transports' && rest[1] && rest[3]) {
    const target = { ...scoped, namespace: rest[1], name: rest[3] };
    if (rest[4] === 'edit') return { view: 'edit', ...target, tab };
    return { view: 'detail', ...target };
  }
  if (rest[0] === 'new') {
    const name = query.get('name');
    return {
      view: 'new',
      ...scoped,
      template: query.get('template') ?? 'tls',
      tab,
      ...(name ? { name } : {}),
    };
  }
  if (rest[0] === 'import') return { view: 'import', ...scoped };
  return {
    view: 'list',
    ...scoped,
    list: {
      q: query.get('q') ?? '',
      sort: pick(query.get('sort'), SORT_KEYS, 'name'),
      desc: query.get('desc') === '1',
      filters: list(query.get('f')),
      mode: pick(query.get('v'), MODES, 'all'),
    },
  };
}

const enc = encodeURIComponent;

export function formatRoute(route: Route): string {
  if (route.view === 'home') return '#/';
  const query = new URLSearchParams();
  if (route.namespaces.length > 0) query.set('ns', route.namespaces.join(','));
  let path = `#/c/${enc(route.cluster)}`;
  switch (route.view) {
    case 'list':
      path += '/transports';
      if (route.list.q) query.set('q', route.list.q);
      if (route.list.sort !== 'name') query.set('sort', route.list.sort);
      if (route.list.desc) query.set('desc', '1');
      if (route.list.filters.length > 0) query.set('f', route.list.filters.join(','));
      if (route.list.mode !== 'all') query.set('v', route.list.mode);
      break;
    case 'detail':
      path += `/ns/${enc(route.namespace)}/transports/${enc(route.name)}`;
      break;
    case 'edit':
      path += `/ns/${enc(route.namespace)}/transports/${enc(route.name)}/edit`;
      if (route.tab !== 'form') query.set('tab', route.tab);
      break;
    case 'new':
      path += '/new';
      query.set('template', route.template);
      if (route.name) query.set('name', route.name);
      if (route.tab !== 'form') query.set('tab', route.tab);
      break;
    case 'import':
      path += '/import';
      break;
  }
  const text = query.toString().replaceAll('%2C', ',');
  return text ? `${path}?${text}` : path;
}

export function listRoute(cluster: string, namespaces: string[], state: Partial<ListState> = {}): Route {
  return { view: 'list', cluster, namespaces, list: { ...DEFAULT_LIST, ...state } };
}
