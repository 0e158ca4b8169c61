import type { Request, Response } from 'express';
import type { ClusterConnection } from '../clusters/index.js';
import { HttpError } from '../http/index.js';
import type { Identity } from '../identity/index.js';

/** The clusters the API serves, in the order shown; the first is the default. */
export interface ClusterDirectory {
  clusters: readonly ClusterConnection[];
  defaultCluster: string | undefined;
  /** Plain words on where the clusters come from, for `/session` and the startup log. */
  description: string;
}

/**
 * The identity of the request, set by the authentication middleware. Reading it anywhere else than
 * here would let a route forget it, so routes take it only through this function.
 */
export function identityOf(res: Response): Identity {
  const identity = res.locals['identity'] as Identity | undefined;
  if (!identity) throw new HttpError(401, 'unauthorized', 'Log in first.');
  return identity;
}

export function clusterOf(directory: ClusterDirectory, req: Request): ClusterConnection {
  const name = req.params['cluster'];
  const cluster = directory.clusters.find((c) => c.name === name);
  if (!cluster) {
    throw new HttpError(
      404,
      'not_found',
      'There is no cluster with this name. GET /api/v1/clusters lists them.',
    );
  }
  return cluster;
}
