import type { KubeObject } from '../types.js';
import { isPlainObject } from '../types.js';

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (object: KubeObject, now: number) => unknown;
}

/** kubectl's HumanDuration, as the API server renders `date` columns for custom resources. */
export function humanDuration(seconds: number): string {
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

function age(object: KubeObject, now: number): string {
  const created = Date.parse(object.metadata.creationTimestamp ?? '');
  return Number.isNaN(created) ? '<unknown>' : humanDuration(Math.floor((now - created) / 1000));
}

const name: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
  cell: (o) => o.metadata.name ?? '',
};
const ageColumn: Column = {
  name: 'Age',
  type: 'date',
  format: '',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  priority: 0,
  cell: age,
};

function col(title: string, cell: Column['cell'], type = 'string', priority = 0): Column {
  return { name: title, type, format: '', description: title, priority, cell };
}

function field(object: KubeObject, ...path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
}

function count(value: unknown): number {
  return isPlainObject(value) ? Object.keys(value).length : 0;
}

function servicePorts(object: KubeObject): string {
  const ports = field(object, 'spec', 'ports');
  if (!Array.isArray(ports) || ports.length === 0) return '<none>';
  return ports
    .map((p) => (isPlainObject(p) ? `${String(p['port'])}/${String(p['protocol'] ?? 'TCP')}` : ''))
    .join(',');
}

const COLUMNS: Record<string, Column[]> = {
  Secret: [
    name,
    col('Type', (o) => o['type'] ?? ''),
    col('Data', (o) => count(o['data']), 'string'),
    ageColumn,
  ],
  ConfigMap: [name, col('Data', (o) => count(o['data']) + count(o['binaryData'])), ageColumn],
  Namespace: [name, col('Status', (o) => field(o, 'status', 'phase') ?? 'Active'), ageColumn],
  Service: [
    name,
    col('Type', (o) => field(o, 'spec', 'type') ?? 'ClusterIP'),
    col('Cluster-IP', (o) => field(o, 'spec', 'clusterIP') ?? '<none>'),
    col('External-IP', () => '<none>'),
    col('Port(s)', servicePorts),
    ageColumn,
    col(
      'Selector',
      (o) => {
        const selector = field(o, 'spec', 'selector');
        return isPlainObject(selector)
          ? Object.entries(selector)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(',')
          : '<none>';
      },
      'string',
      1,
    ),
  ],
  EndpointSlice: [
    name,
    col('AddressType', (o) => o['addressType'] ?? ''),
    col('Ports', (o) => {
      const ports = o['ports'];
      return Array.isArray(ports) && ports.length > 0
        ? ports.map((p) => (isPlainObject(p) ? String(p['port']) : '')).join(',')
        : '<unset>';
    }),
    col('Endpoints', (o) => {
      const endpoints = o['endpoints'];
      const addresses = Array.isArray(endpoints)
        ? endpoints.flatMap((e) =>
            isPlainObject(e) && Array.isArray(e['addresses']) ? (e['addresses'] as string[]) : [],
          )
        : [];
      return addresses.length > 0
        ? addresses.slice(0, 3).join(',') + (addresses.length > 3 ? ' + more...' : '')
        : '<unset>';
    }),
    ageColumn,
  ],
  CustomResourceDefinition: [name, col('Created At', (o) => o.metadata.creationTimestamp ?? '', 'date')],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function columnsFor(kind: string): Column[] {
  return COLUMNS[kind] ?? [name, ageColumn];
}

export function columnDefinitions(kind: string): unknown[] {
  return columnsFor(kind).map(({ cell: _cell, ...definition }) => definition);
}

export function tableRows(kind: string, objects: KubeObject[], include: IncludeObject): unknown[] {
  const now = Date.now();
  const columns = columnsFor(kind);
  return objects.map((o) => {
    const row: Record<string, unknown> = { cells: columns.map((c) => c.cell(o, now)) };
    const object = rowObject(o, include);
    if (object !== undefined) row['object'] = object;
    return row;
  });
}

export function toTable(
  kind: string,
  objects: KubeObject[],
  include: IncludeObject,
  listMeta: Record<string, unknown>,
  withColumns = true,
): unknown {
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta };
  table['columnDefinitions'] = withColumns ? columnDefinitions(kind) : [];
  table['rows'] = tableRows(kind, objects, include);
  return table;
}
