import { createHash } from 'node:crypto';
import type { DanglingReference, TransportSummary } from '@dialtone/shared';

/** One summary of the list, serialized once per object version. */
export interface SummaryRow {
  namespace: string;
  name: string;
  /** `JSON.stringify` of the summary, exactly what `res.json` would have written for it. */
  json: string;
}

// The order the list has always had (localeCompare's); a collator compares the same, several times faster.
const collator = new Intl.Collator();

function byNamespaceAndName(a: { namespace: string; name: string }, b: typeof a): number {
  return a.namespace === b.namespace
    ? collator.compare(a.name, b.name)
    : collator.compare(a.namespace, b.namespace);
}

export function sortSummaries<T extends { namespace: string; name: string }>(rows: T[]): T[] {
  return rows.sort(byNamespaceAndName);
}

export function rowOf(summary: TransportSummary): SummaryRow {
  return { namespace: summary.namespace, name: summary.name, json: JSON.stringify(summary) };
}

/**
 * Every summary of a cluster in list order, with the items array already serialized: a list of
 * thousands that nobody changed since the last request costs a copy of bytes, not a serialization.
 */
export class ListSnapshot {
  private itemsBytes: Buffer | undefined;
  private lastBody: { tail: string; body: ListBody } | undefined;

  constructor(readonly rows: readonly SummaryRow[]) {}

  /** The `[...]` of every row, built on first use and kept for as long as the snapshot is current. */
  allItems(): Buffer {
    this.itemsBytes ??= itemsOf(this.rows);
    return this.itemsBytes;
  }

  /** The `[...]` of the rows the predicate keeps. */
  someItems(keep: (row: SummaryRow) => boolean): Buffer {
    return itemsOf(this.rows.filter(keep));
  }

  /** The whole list's body; the last one is kept, as most requests ask for the same. */
  allBody(dangling: DanglingReference[], resourceVersion: string): ListBody {
    const tail = tailOf(dangling, resourceVersion);
    if (this.lastBody?.tail !== tail) this.lastBody = { tail, body: bodyOf(this.allItems(), tail) };
    return this.lastBody.body;
  }
}

/** A list's bytes and their entity tag, in the form Express gives a body it tags itself. */
export interface ListBody {
  bytes: Buffer;
  etag: string;
}

function itemsOf(rows: readonly SummaryRow[]): Buffer {
  return Buffer.from(`[${rows.map((r) => r.json).join(',')}]`, 'utf8');
}

function tailOf(dangling: DanglingReference[], resourceVersion: string): string {
  return `,"dangling":${JSON.stringify(dangling)},"resourceVersion":${JSON.stringify(resourceVersion)}}`;
}

function bodyOf(items: Buffer, tail: string): ListBody {
  const bytes = Buffer.concat([Buffer.from('{"items":', 'utf8'), items, Buffer.from(tail, 'utf8')]);
  const hash = createHash('sha1').update(bytes).digest('base64').slice(0, 27);
  return { bytes, etag: `W/"${bytes.length.toString(16)}-${hash}"` };
}

/**
 * The body of `GET /transports` around an items array already serialized; the same bytes as
 * `JSON.stringify({ items, dangling, resourceVersion })`.
 */
export function listBody(items: Buffer, dangling: DanglingReference[], resourceVersion: string): ListBody {
  return bodyOf(items, tailOf(dangling, resourceVersion));
}
