import { Backoff, type BackoffOptions } from './backoff.js';
import type { KubeClient, KubeList, KubeObject, ResourceKind } from './kubeClient.js';
import { ClusterUnreachableError, KubeApiError } from './kubeErrors.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  type: CacheEventType;
  object: KubeObject;
  /** The stored copy before a MODIFIED or DELETED, when the cache had one. */
  previous?: KubeObject;
  /** resourceVersion this event brought the cache to. */
  resourceVersion: string;
}

export type CacheState = 'starting' | 'synced' | 'reconnecting' | 'stopped';

export interface ResourceCacheOptions {
  backoff?: BackoffOptions;
  /** Receives each new failure once, for a log line; the cache itself keeps retrying. */
  onError?: (error: unknown) => void;
}

type WatchEnd = 'closed' | 'expired' | { error: unknown };

function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

function isExpired(error: unknown): boolean {
  if (error instanceof KubeApiError) return error.status === 410 || error.reason === 'Expired';
  return (
    typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 410
  );
}

function describe(error: unknown): string {
  if (error instanceof ClusterUnreachableError || error instanceof KubeApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * One list+watch of a resource kind across all namespaces, kept in memory (a reflector, as client-go
 * has): relists on 410 Gone, asks for bookmarks, reconnects with capped jittered backoff, and tells
 * subscribers about every change, relists included. It runs with the server's own credentials; every
 * read served from it is authorized per user elsewhere.
 */
export class ResourceCache {
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private readonly syncWaiters = new Set<() => void>();
  private readonly backoff: Backoff;
  private stopWatch: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  state: CacheState = 'starting';
  resourceVersion = '';
  /** Why the cache is not in sync, in words for the user. */
  lastError: string | undefined;
  /** How many times the whole list was fetched; a relist after 410 adds one. */
  listCount = 0;

  constructor(
    private readonly client: KubeClient,
    readonly kind: ResourceKind,
    private readonly options: ResourceCacheOptions = {},
  ) {
    this.backoff = new Backoff(options.backoff);
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    this.stopWatch?.();
    this.wake?.();
    for (const waiter of this.syncWaiters) waiter();
    // A watch request whose headers have not arrived cannot be aborted through client-node; it is
    // stopped as soon as they do, and shutdown does not wait for a slow API server to send them.
    await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }

  /** Resolves true once the first list is in; false after the timeout or as soon as the list fails. */
  whenSynced(timeoutMs: number): Promise<boolean> {
    this.start();
    if (this.hasSynced()) return Promise.resolve(true);
    if (this.lastError !== undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.syncWaiters.delete(done);
        resolve(this.hasSynced());
      };
      const timer = setTimeout(done, timeoutMs);
      this.syncWaiters.add(done);
    });
  }

  /** True once a list has been loaded, even if the watch is reconnecting now. */
  hasSynced(): boolean {
    return this.listCount > 0;
  }

  items(): KubeObject[] {
    return [...this.objects.values()];
  }

  get size(): number {
    return this.objects.size;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(`${namespace}/${name}`);
  }

  subscribe(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: CacheEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.relist();
          needList = false;
        }
        const opened = Date.now();
        const end = await this.watchOnce();
        if (this.stopped) break;
        if (end === 'expired') {
          // The history we were watching from is gone: only a fresh list is consistent again.
          needList = true;
          this.resourceVersion = '';
          continue;
        }
        if (end === 'closed') {
          // A server-side timeout is normal; a stream that ends at once, again and again, is not.
          if (Date.now() - opened < 1000) await this.sleep(this.backoff.next());
          continue;
        }
        throw end.error;
      } catch (error) {
        if (this.stopped) break;
        if (isExpired(error)) {
          needList = true;
          this.resourceVersion = '';
          continue;
        }
        this.state = this.hasSynced() ? 'reconnecting' : 'starting';
        const message = describe(error);
        // One report per kind of failure, not one per retry while the API server stays down.
        if (message !== this.lastError) this.options.onError?.(error);
        this.lastError = message;
        // Whoever waits for the first list learns now that it failed, and can ask the API server directly.
        for (const waiter of [...this.syncWaiters]) waiter();
        // As client-go does, the next watch resumes from the last resourceVersion; only a 410 costs a
        // full list, which matters when many servers reconnect to an API server that just came back.
        await this.sleep(this.backoff.next());
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async relist(): Promise<void> {
    let listed: KubeList | undefined;
    for (let attempt = 0; !listed; attempt++) {
      try {
        listed = await this.client.listAll(this.kind);
      } catch (error) {
        // A continue token that expired mid-way makes the pages inconsistent: start the list over.
        if (!isExpired(error) || attempt >= 2) throw error;
      }
    }
    if (this.stopped) return;
    const { items, resourceVersion } = listed;
    const seen = new Set<string>();
    for (const object of items) {
      const key = objectKey(object);
      seen.add(key);
      const previous = this.objects.get(key);
      this.objects.set(key, object);
      if (!previous) this.emit({ type: 'ADDED', object, resourceVersion });
      else if (previous.metadata.resourceVersion !== object.metadata.resourceVersion) {
        this.emit({ type: 'MODIFIED', object, previous, resourceVersion });
      }
    }
    for (const [key, previous] of this.objects) {
      if (seen.has(key)) continue;
      this.objects.delete(key);
      this.emit({ type: 'DELETED', object: previous, previous, resourceVersion });
    }
    this.resourceVersion = resourceVersion;
    this.listCount += 1;
    this.state = 'synced';
    this.lastError = undefined;
    for (const waiter of [...this.syncWaiters]) waiter();
  }

  private watchOnce(): Promise<WatchEnd> {
    return new Promise<WatchEnd>((resolve, reject) => {
      let expired = false;
      let settled = false;
      const finish = (end: WatchEnd) => {
        if (settled) return;
        settled = true;
        this.stopWatch = undefined;
        resolve(end);
      };
      const onEvent = (type: string, object: KubeObject) => {
        if (settled) return;
        if (type === 'ERROR') {
          const code = (object as { code?: unknown }).code;
          if (code === 410 || (object as { reason?: unknown }).reason === 'Expired') expired = true;
          return;
        }
        const rv = object.metadata?.resourceVersion ?? '';
        if (type === 'BOOKMARK') {
          if (rv) this.resourceVersion = rv;
          return;
        }
        if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
        this.apply(type, object);
        if (rv) this.resourceVersion = rv;
        this.state = 'synced';
        this.lastError = undefined;
      };
      const done = (error: unknown) => {
        if (expired || isExpired(error)) finish('expired');
        else if (error) finish({ error });
        else finish('closed');
      };
      const path = this.kind.group
        ? `/apis/${this.kind.group}/${this.kind.version}/${this.kind.plural}`
        : `/api/${this.kind.version}/${this.kind.plural}`;
      this.client
        .watch(
          path,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            // Spread reconnects of many servers over time, as client-go does.
            timeoutSeconds: 300 + Math.floor(Math.random() * 300),
          },
          onEvent,
          done,
        )
        .then(
          (stop) => {
            if (settled) return;
            this.stopWatch = () => {
              stop();
              finish('closed');
            };
            if (this.stopped) this.stopWatch();
          },
          (error: unknown) => (settled ? undefined : reject(error)),
        );
    });
  }

  private apply(type: CacheEventType, object: KubeObject): void {
    const key = objectKey(object);
    const previous = this.objects.get(key);
    const resourceVersion = object.metadata.resourceVersion ?? '';
    if (type === 'DELETED') {
      this.objects.delete(key);
      this.emit({ type, object, ...(previous ? { previous } : {}), resourceVersion });
      return;
    }
    this.objects.set(key, object);
    this.emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      object,
      ...(previous ? { previous } : {}),
      resourceVersion,
    });
  }
}
