import type { KubeObject } from '../types.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  rv: number;
  typeKey: string;
  object: KubeObject;
  /** The state before this change, so a selector watch can tell when an object stops matching. */
  previous?: KubeObject;
}

/** What a durable backend must record before a write is acknowledged. */
export type StoredChange =
  | { op: 'put'; rv: number; typeKey: string; object: KubeObject }
  | { op: 'delete'; rv: number; typeKey: string; namespace: string; name: string };

export interface Persistence {
  /** Must not return until the change would survive the process being killed. */
  write(change: StoredChange): void;
}

export interface StoreSnapshot {
  rv: number;
  objects: { typeKey: string; object: KubeObject }[];
}

const HISTORY_LIMIT = 20_000;

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/**
 * Every object of every type, one global resourceVersion counter, and a bounded history of changes for
 * watches that resume from a resourceVersion. Callers never mutate what they get back.
 */
export class Store {
  private rv = 0;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly sortedKeys = new Map<string, string[]>();
  private readonly history: StoreEvent[] = [];
  /** Watches from a resourceVersion below this cannot be served from history. */
  private floor = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(private readonly persistence?: Persistence) {}

  get resourceVersion(): number {
    return this.rv;
  }

  /** Objects written before any watch could have started (restore, seed of defaults) are not history. */
  compactHistory(): void {
    this.history.length = 0;
    this.floor = this.rv;
  }

  restore(snapshot: StoreSnapshot): void {
    for (const { typeKey, object } of snapshot.objects) {
      this.table(typeKey).set(objectKey(object.metadata.namespace, object.metadata.name ?? ''), object);
      this.sortedKeys.delete(typeKey);
    }
    this.rv = Math.max(this.rv, snapshot.rv);
    this.compactHistory();
  }

  snapshot(): StoreSnapshot {
    const objects: StoreSnapshot['objects'] = [];
    for (const [typeKey, table] of this.tables) {
      for (const object of table.values()) objects.push({ typeKey, object });
    }
    return { rv: this.rv, objects };
  }

  get(typeKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(typeKey)?.get(objectKey(namespace, name));
  }

  listTypeKeys(): string[] {
    return [...this.tables.keys()];
  }

  /** Objects sorted by namespace then name, so `continue` tokens can resume after a key. */
  list(typeKey: string, namespace?: string): KubeObject[] {
    const table = this.tables.get(typeKey);
    if (!table) return [];
    let keys = this.sortedKeys.get(typeKey);
    if (!keys) {
      keys = [...table.keys()].sort();
      this.sortedKeys.set(typeKey, keys);
    }
    const out: KubeObject[] = [];
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    for (const key of keys) {
      if (prefix !== undefined && !key.startsWith(prefix)) continue;
      const object = table.get(key);
      if (object) out.push(object);
    }
    return out;
  }

  /** Stores the object under a fresh resourceVersion; returns the stored object. */
  put(typeKey: string, object: KubeObject): KubeObject {
    const key = objectKey(object.metadata.namespace, object.metadata.name ?? '');
    const table = this.table(typeKey);
    const previous = table.get(key);
    const rv = this.rv + 1;
    const stored: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    this.persistence?.write({ op: 'put', rv, typeKey, object: stored });
    this.rv = rv;
    table.set(key, stored);
    if (!previous) this.sortedKeys.delete(typeKey);
    this.emit({ type: previous ? 'MODIFIED' : 'ADDED', rv, typeKey, object: stored, previous });
    return stored;
  }

  /** Removes the object; the DELETED event carries its last state under a new resourceVersion. */
  remove(typeKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const table = this.tables.get(typeKey);
    const previous = table?.get(key);
    if (!table || !previous) return undefined;
    const rv = this.rv + 1;
    this.persistence?.write({ op: 'delete', rv, typeKey, namespace: namespace ?? '', name });
    this.rv = rv;
    table.delete(key);
    this.sortedKeys.delete(typeKey);
    const last: KubeObject = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.emit({ type: 'DELETED', rv, typeKey, object: last, previous });
    return last;
  }

  /** Changes after `rv`, or `undefined` when they are no longer retained. */
  changesSince(rv: number): StoreEvent[] | undefined {
    if (rv < this.floor) return undefined;
    const first = this.history.findIndex((e) => e.rv > rv);
    return first === -1 ? [] : this.history.slice(first);
  }

  get oldestRetained(): number {
    return this.floor;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private table(typeKey: string): Map<string, KubeObject> {
    let table = this.tables.get(typeKey);
    if (!table) {
      table = new Map();
      this.tables.set(typeKey, table);
    }
    return table;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.floor = dropped[dropped.length - 1]?.rv ?? this.floor;
    }
    for (const listener of this.listeners) listener(event);
  }
}
