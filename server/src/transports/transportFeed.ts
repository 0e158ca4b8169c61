import {
  bundledSchemas,
  providerSettings,
  traefikTransportId,
  type DanglingReference,
  type IngressRouteTCP,
  type ProviderSettings,
  type ResourceSchema,
  type ServersTransportTCP,
  type TransportEvent,
  type TransportSummary,
  type TransportUsage,
} from '@dialtone/shared';
import type { CacheEvent, ClusterConnection, KubeObject } from '../clusters/index.js';
import { ListSnapshot, rowOf, sortSummaries, type SummaryRow } from './listSnapshot.js';
import { DiagnosticsMemo, summarize } from './summaries.js';
import { usagesById, usageOf, type UsageOptions } from './usage.js';

/** One change as the event stream sends it, with the namespace it may be shown in. */
export interface FeedEntry {
  /** The `id:` of the server-sent event: the resourceVersion the change brought the cluster to. */
  id: string;
  namespace: string;
  event: TransportEvent;
}

// Enough history for a browser that lost its connection for a few minutes of ordinary churn.
const HISTORY = 2_000;

function numericVersion(rv: string): bigint | undefined {
  return /^\d{1,30}$/.test(rv) ? BigInt(rv) : undefined;
}

/** A summary with what it was computed from, and its JSON once a list asked for it. */
interface SummaryEntry {
  object: ServersTransportTCP;
  routeCount: number;
  schema: ResourceSchema;
  summary: TransportSummary;
  row?: SummaryRow;
}

function asTransport(object: KubeObject): ServersTransportTCP {
  return object as unknown as ServersTransportTCP;
}

/**
 * The live view of one cluster's transports: summaries served from the caches, route counts kept up to
 * date as IngressRouteTCPs change, and a short history so an event stream can resume where it left off.
 */
export class TransportFeed {
  private readonly memo = new DiagnosticsMemo();
  private readonly summaries = new Map<string, SummaryEntry>();
  /** Counts the changes that can alter a summary: a transport's, or a route count's. */
  private generation = 0;
  private current: { generation: number; schema: ResourceSchema; snapshot: ListSnapshot } | undefined;
  private readonly listeners = new Set<(entry: FeedEntry) => void>();
  private readonly history: { rv: bigint; entry: FeedEntry }[] = [];
  private usage = new Map<string, TransportUsage[]>();
  private schema: ResourceSchema = bundledSchemas().serversTransportTCP;
  private schemaRead = false;
  /** Events older than this resourceVersion are no longer kept. */
  private historyFloor: bigint | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  /** Traefik ID to the `namespace/name` of the transports registered under it. */
  private readonly idIndex = new Map<string, Set<string>>();

  constructor(
    readonly cluster: ClusterConnection,
    private readonly options: UsageOptions,
  ) {
    for (const object of cluster.transports.items()) this.index(asTransport(object), true);
    for (const object of cluster.routes.items()) this.onRoute({ type: 'ADDED', object, resourceVersion: '' });
    this.unsubscribe.push(cluster.transports.subscribe((event) => this.onTransport(event)));
    this.unsubscribe.push(cluster.routes.subscribe((event) => this.onRoute(event)));
  }

  /** Starts the caches and waits for their first list; false when they are not there within the timeout. */
  async ready(timeoutMs: number): Promise<boolean> {
    void this.refreshSchema();
    const synced = await this.cluster.caches(timeoutMs);
    if (synced && this.historyFloor === undefined) this.historyFloor = numericVersion(this.resourceVersion);
    return synced;
  }

  private async refreshSchema(): Promise<void> {
    try {
      const reading = await this.cluster.transportSchema();
      if (reading.schema !== this.schema) this.schema = reading.schema;
      this.schemaRead = true;
    } catch {
      // The bundled schema stays until the cluster answers; the next request tries again.
    }
  }

  get currentSchema(): ResourceSchema {
    if (!this.schemaRead) void this.refreshSchema();
    return this.schema;
  }

  /** The newest resourceVersion either cache has seen: the point an event stream resumes from. */
  get resourceVersion(): string {
    const a = this.cluster.transports.resourceVersion;
    const b = this.cluster.routes.resourceVersion;
    const na = numericVersion(a);
    const nb = numericVersion(b);
    if (na !== undefined && nb !== undefined) return na >= nb ? a : b;
    return a || b;
  }

  allSummaries(): TransportSummary[] {
    return this.cluster.transports.items().map((object) => this.summaryOf(asTransport(object)));
  }

  /**
   * Every summary in list order, serialized; rebuilt only after the watch brought a change (or the
   * cluster's schema arrived), so repeated lists of an unchanged cluster serialize nothing.
   */
  snapshot(): ListSnapshot {
    const schema = this.currentSchema;
    const current = this.current;
    if (current && current.generation === this.generation && current.schema === schema)
      return current.snapshot;
    const rows = this.cluster.transports.items().map((object) => this.rowOf(asTransport(object)));
    const snapshot = new ListSnapshot(sortSummaries(rows));
    this.current = { generation: this.generation, schema, snapshot };
    return snapshot;
  }

  summaryOf(transport: ServersTransportTCP): TransportSummary {
    return this.entryOf(transport).summary;
  }

  private rowOf(transport: ServersTransportTCP): SummaryRow {
    const entry = this.entryOf(transport);
    entry.row ??= rowOf(entry.summary);
    return entry.row;
  }

  private entryOf(transport: ServersTransportTCP): SummaryEntry {
    const namespace = transport.metadata.namespace ?? '';
    const name = transport.metadata.name ?? '';
    // A count, not the routes: the detail and usage endpoints show only routes the user may list.
    const routeCount = usageOf(this.usage, namespace, name).length;
    const schema = this.currentSchema;
    const key = `${namespace}/${name}`;
    const hit = this.summaries.get(key);
    // The list endpoint asks for every summary on each request; most are unchanged since the last one.
    if (hit && hit.object === transport && hit.routeCount === routeCount && hit.schema === schema) return hit;
    const summary = summarize(transport, this.memo.diagnostics(transport, schema), routeCount);
    const entry: SummaryEntry = { object: transport, routeCount, schema, summary };
    this.summaries.set(key, entry);
    return entry;
  }

  usageOf(namespace: string, name: string): TransportUsage[] {
    return usageOf(this.usage, namespace, name);
  }

  routes(): IngressRouteTCP[] {
    return this.cluster.routes.items() as unknown as IngressRouteTCP[];
  }

  subscribe(listener: (entry: FeedEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The entries after `lastId`, oldest first; undefined when they are no longer all known, so the
   * client must reload the list.
   */
  since(lastId: string): FeedEntry[] | undefined {
    const last = numericVersion(lastId);
    if (last === undefined || this.historyFloor === undefined || last < this.historyFloor) return undefined;
    // A version from the future comes from another cluster or an earlier life of this one.
    const now = numericVersion(this.resourceVersion);
    if (now !== undefined && last > now) return undefined;
    return this.history.filter((h) => h.rv > last).map((h) => h.entry);
  }

  close(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.listeners.clear();
  }

  private publish(entry: FeedEntry): void {
    const rv = numericVersion(entry.id);
    if (rv !== undefined) {
      this.history.push({ rv, entry });
      if (this.history.length > HISTORY) {
        const dropped = this.history.splice(0, this.history.length - HISTORY);
        const newestDropped = dropped.at(-1)?.rv;
        if (newestDropped !== undefined) this.historyFloor = newestDropped;
      }
    }
    for (const listener of this.listeners) listener(entry);
  }

  private onTransport(event: CacheEvent): void {
    const transport = asTransport(event.object);
    const namespace = transport.metadata.namespace ?? '';
    this.generation += 1;
    if (event.previous) this.memo.forget(asTransport(event.previous));
    this.index(transport, event.type !== 'DELETED');
    if (event.type === 'DELETED') {
      this.summaries.delete(`${namespace}/${transport.metadata.name ?? ''}`);
      this.publish({
        id: event.resourceVersion,
        namespace,
        event: {
          type: 'DELETED',
          namespace,
          name: transport.metadata.name ?? '',
          resourceVersion: transport.metadata.resourceVersion ?? event.resourceVersion,
        },
      });
      return;
    }
    this.publish({
      id: event.resourceVersion,
      namespace,
      event: { type: event.type, summary: this.summaryOf(transport) },
    });
  }

  private onRoute(event: CacheEvent): void {
    const before = event.previous
      ? usagesById([event.previous as unknown as IngressRouteTCP], this.options)
      : new Map();
    const after =
      event.type === 'DELETED'
        ? new Map<string, TransportUsage[]>()
        : usagesById([event.object as unknown as IngressRouteTCP], this.options);
    const routeKey = `${event.object.metadata.namespace ?? ''}/${event.object.metadata.name ?? ''}`;
    const affected = new Set([...before.keys(), ...after.keys()]);
    // Updated per route, not rebuilt: a relist of thousands of routes must stay linear.
    for (const id of affected) {
      const kept = (this.usage.get(id) ?? []).filter(
        (u) => `${u.route.namespace}/${u.route.name}` !== routeKey,
      );
      const added = after.get(id) ?? [];
      if (kept.length + added.length === 0) this.usage.delete(id);
      else this.usage.set(id, [...kept, ...added]);
    }
    if (affected.size === 0) return;
    this.generation += 1;
    // A route count shown in the list changes with the route; the transports themselves did not.
    for (const id of affected) {
      for (const transport of this.transportsWithId(id)) {
        this.publish({
          id: event.resourceVersion,
          namespace: transport.metadata.namespace ?? '',
          event: { type: 'MODIFIED', summary: this.summaryOf(transport) },
        });
      }
    }
  }

  /**
   * Route services whose serversTransport resolves to a kubernetescrd ID that no transport has:
   * Traefik fails them with "no transport configuration found" and does not serve the route.
   */
  dangling(): DanglingReference[] {
    const out: DanglingReference[] = [];
    for (const [id, usages] of this.usage) {
      if (!id.endsWith('@kubernetescrd') || this.idIndex.has(id)) continue;
      for (const usage of usages)
        out.push({ route: usage.route, reference: usage.reference, resolvesTo: id });
    }
    return out.sort(
      (a, b) =>
        a.route.namespace.localeCompare(b.route.namespace) || a.route.name.localeCompare(b.route.name),
    );
  }

  /** The transports registered under a Traefik ID: one, or several when their names collide. */
  transportsWithId(id: string): ServersTransportTCP[] {
    const found: ServersTransportTCP[] = [];
    for (const key of this.idIndex.get(id) ?? []) {
      const [namespace = '', name = ''] = key.split('/');
      const object = this.cluster.transports.get(namespace, name);
      if (object) found.push(asTransport(object));
    }
    return found;
  }

  private index(transport: ServersTransportTCP, present: boolean): void {
    const namespace = transport.metadata.namespace ?? '';
    const name = transport.metadata.name ?? '';
    const id = traefikTransportId(namespace, name);
    const keys = this.idIndex.get(id) ?? new Set<string>();
    if (present) keys.add(`${namespace}/${name}`);
    else keys.delete(`${namespace}/${name}`);
    if (keys.size === 0) this.idIndex.delete(id);
    else this.idIndex.set(id, keys);
  }
}

/** One feed per cluster, created on first use. */
export class TransportFeeds {
  private readonly feeds = new Map<ClusterConnection, TransportFeed>();

  /** Traefik's kubernetescrd options as mirrored, with Traefik's defaults filled in. */
  readonly provider: ProviderSettings;

  constructor(options: UsageOptions) {
    this.provider = providerSettings(options);
  }

  feedFor(cluster: ClusterConnection): TransportFeed {
    let feed = this.feeds.get(cluster);
    if (!feed) {
      feed = new TransportFeed(cluster, this.provider);
      this.feeds.set(cluster, feed);
    }
    return feed;
  }

  close(): void {
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
  }
}
