import type { Store } from '../store/store.js';
import type { ResourceType } from '../resources/registry.js';
import { typeKey } from '../resources/registry.js';
import { isPlainObject } from '../types.js';
import { errors } from '../http/status.js';
import { parseLabelSelector } from '../selectors/labelSelector.js';
import { parseFieldSelector } from '../selectors/fieldSelector.js';
import type { ListOptions, ListResult } from './types.js';

/** Continue tokens name the list's resourceVersion and the last key served; the keys are sorted. */
interface ContinueToken {
  rv: number;
  after: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(raw: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (isPlainObject(parsed) && typeof parsed['rv'] === 'number' && typeof parsed['after'] === 'string') {
      return { rv: parsed['rv'], after: parsed['after'] };
    }
  } catch {
    // Reported below like any other unreadable token.
  }
  throw errors.badRequest(
    `continue key is not valid: the token "${raw}" could not be decoded; list again without it`,
  );
}

/** A page of matching objects, sorted by namespace and name. */
export function listObjects(
  store: Store,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions,
): ListResult {
  const labels = parseLabelSelector(options.labelSelector);
  const fields = parseFieldSelector(options.fieldSelector, type.kind);
  const resourceVersion = String(store.resourceVersion);
  let all = store.list(typeKey(type), namespace);
  let rv = resourceVersion;
  if (options.continueToken) {
    const token = decodeContinue(options.continueToken);
    rv = String(token.rv);
    all = all.filter((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > token.after);
  }
  const matching = all.filter((o) => labels(o.metadata.labels) && fields(o));
  const limit = options.limit && options.limit > 0 ? options.limit : undefined;
  if (limit === undefined || matching.length <= limit) return { items: matching, resourceVersion: rv };
  const items = matching.slice(0, limit);
  const last = items[items.length - 1];
  const result: ListResult = {
    items,
    resourceVersion: rv,
    continueToken: encodeContinue({
      rv: Number(rv),
      after: `${last?.metadata.namespace ?? ''}/${last?.metadata.name ?? ''}`,
    }),
  };
  if (!options.labelSelector && !options.fieldSelector) result.remainingItemCount = matching.length - limit;
  return result;
}
