import type { Request, RequestHandler, Response } from 'express';
import { toHttpError, type ClusterConnection } from '../clusters/index.js';
import type { Identity } from '../identity/index.js';
import type { TransportFeeds } from './transportFeed.js';

/** What the transport routes need from the API around them. */
export interface TransportRouteDeps {
  /** The cluster named in the URL, or a 404. */
  cluster: (req: Request) => ClusterConnection;
  /** The identity the request acts as. */
  identity: (res: Response) => Identity;
  feeds: TransportFeeds;
  /** How long a list waits for a cold cache before asking the API server directly. */
  cacheWaitMs: number;
  /** Interval of the `: heartbeat` comments on the event stream. */
  heartbeatMs: number;
}

/** Wraps an async handler so Kubernetes failures answer with the API's error envelope. */
export function route(what: string, handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res);
    } catch (error) {
      next(toHttpError(error, what));
    }
  };
}
