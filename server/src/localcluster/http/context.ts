import type { Tokens } from '../auth/authenticate.js';
import type { ObjectService } from '../rest/objects.js';
import type { WatchHub } from '../watch/watch.js';
import type { OpenApiDocuments } from './openapi.js';
import type { ListCache } from './listCache.js';

export interface HandlerContext {
  objects: ObjectService;
  watches: WatchHub;
  openapi: OpenApiDocuments;
  tokens: Tokens;
  serverAddress: () => string;
  /** The Host header values this server answers to; see `guard.ts`. */
  hosts: () => ReadonlySet<string>;
  bookmarkIntervalMs: number;
  lists: ListCache;
}
