import { Router } from 'express';
import { configObjectRoutes } from './configObjectRoutes.js';
import type { TransportRouteDeps } from './deps.js';
import { detailRoutes } from './detailRoutes.js';
import { documentRoutes } from './documentRoutes.js';
import { eventRoutes } from './eventRoutes.js';
import { listRoutes } from './listRoutes.js';
import { writeRoutes } from './writeRoutes.js';

export type { TransportRouteDeps } from './deps.js';
export { TransportFeed, TransportFeeds, type FeedEntry } from './transportFeed.js';
export { YAML_TYPES } from './body.js';
export { summarizeCertificates } from './certificates.js';
export { usagesById, usageOf, type UsageOptions } from './usage.js';
export { transportSchemaOf } from './schemaFor.js';
export { referenceStates } from './references.js';

/** Every route about ServersTransportTCPs and the objects they reference, below `/api/v1`. */
export function transportRoutes(deps: TransportRouteDeps): Router {
  const router = Router();
  // The event stream is registered before the detail routes so "events" is never read as a name.
  router.use(eventRoutes(deps));
  router.use(listRoutes(deps));
  router.use(detailRoutes(deps));
  router.use(writeRoutes(deps));
  router.use(documentRoutes(deps));
  router.use(configObjectRoutes(deps));
  return router;
}
