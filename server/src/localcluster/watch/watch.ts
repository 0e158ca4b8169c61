import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../types.js';
import type { Store, StoreEvent } from '../store/store.js';
import type { ResourceType } from '../resources/registry.js';
import { apiVersionOf, typeKey } from '../resources/registry.js';
import { parseLabelSelector } from '../selectors/labelSelector.js';
import { parseFieldSelector } from '../selectors/fieldSelector.js';
import { errors } from '../http/status.js';

export interface WatchParams {
  type: ResourceType;
  namespace?: string;
  labelSelector: string | null;
  fieldSelector: string | null;
  resourceVersion: string | null;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  /** Wraps each object for the wire, e.g. as a one-row Table; `first` is true once. */
  render: (object: KubeObject, first: boolean) => unknown;
  contentType: string;
  bookmarkIntervalMs: number;
}

type WireEvent = { type: string; object: unknown };

/** Open watch streams, so that closing the server can end them instead of waiting for clients. */
export class WatchHub {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly store: Store) {}

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }

  serve(res: ServerResponse, params: WatchParams): void {
    const labels = parseLabelSelector(params.labelSelector);
    const fields = parseFieldSelector(params.fieldSelector, params.type.kind);
    const key = typeKey(params.type);
    const matches = (o: KubeObject | undefined): boolean =>
      o !== undefined &&
      (params.namespace === undefined || o.metadata.namespace === params.namespace) &&
      labels(o.metadata.labels) &&
      fields(o);

    res.writeHead(200, {
      'Content-Type': params.contentType,
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    // client-node's watch() only resolves once it sees the headers; Node would hold them until the first write.
    res.flushHeaders();
    this.open.add(res);

    let first = true;
    let lastRv = this.store.resourceVersion;
    const send = (event: WireEvent): void => {
      // A bookmark timer can fire between end() at timeoutSeconds and the 'finish' that clears it.
      if (res.writableEnded) return;
      res.write(JSON.stringify(event) + '\n');
    };
    const sendObject = (type: string, object: KubeObject): void => {
      send({ type, object: params.render(object, first) });
      first = false;
    };
    const bookmark = (annotations?: Record<string, string>): void => {
      const metadata: Record<string, unknown> = { resourceVersion: String(lastRv) };
      if (annotations) metadata['annotations'] = annotations;
      send({
        type: 'BOOKMARK',
        object: { kind: params.type.kind, apiVersion: apiVersionOf(params.type), metadata },
      });
    };
    const translate = (event: StoreEvent): void => {
      if (event.typeKey !== key) return;
      lastRv = event.rv;
      const now = event.type !== 'DELETED' && matches(event.object);
      const before = matches(event.previous);
      if (event.type === 'DELETED') {
        if (before) sendObject('DELETED', event.object);
      } else if (now && before) sendObject('MODIFIED', event.object);
      else if (now) sendObject('ADDED', event.object);
      else if (before) sendObject('DELETED', event.object);
    };

    const rv = params.resourceVersion;
    const fromScratch = rv === null || rv === '' || rv === '0' || params.sendInitialEvents;
    if (fromScratch) {
      for (const object of this.store.list(key, params.namespace))
        if (matches(object)) sendObject('ADDED', object);
      if (params.sendInitialEvents && params.allowBookmarks)
        bookmark({ 'k8s.io/initial-events-end': 'true' });
    } else {
      const since = Number(rv);
      const history = Number.isInteger(since) ? this.store.changesSince(since) : undefined;
      if (!history) {
        const status = errors
          .expired(`too old resource version: ${rv} (${this.store.oldestRetained})`)
          .toStatus();
        send({ type: 'ERROR', object: status });
        this.open.delete(res);
        res.end();
        return;
      }
      for (const event of history) translate(event);
    }

    const unsubscribe = this.store.subscribe(translate);
    const timers: NodeJS.Timeout[] = [];
    if (params.allowBookmarks) {
      // client-node gives up on a watch after 30 s without bytes.
      const interval = setInterval(() => bookmark(), params.bookmarkIntervalMs);
      interval.unref();
      timers.push(interval);
    }
    if (params.timeoutSeconds !== undefined && params.timeoutSeconds > 0) {
      const timeout = setTimeout(() => res.end(), params.timeoutSeconds * 1000);
      timeout.unref();
      timers.push(timeout);
    }
    const cleanup = (): void => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      this.open.delete(res);
    };
    res.on('close', cleanup);
    res.on('finish', cleanup);
  }
}
