import { identityKey, type Identity } from '../identity/index.js';
import type { AccessAttributes, KubeClient } from './kubeClient.js';

// Long enough that a list of 10,000 rows across a few namespaces costs a handful of reviews, short
// enough that a revoked RoleBinding stops showing objects within seconds.
export const ACCESS_REVIEW_TTL_MS = 15_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  expires: number;
  answer: Promise<boolean>;
}

/**
 * SelfSubjectAccessReviews, asked with the user's own identity and remembered briefly per identity.
 * Concurrent questions share one request.
 */
export class AccessReviews {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clientFor: (identity: Identity) => KubeClient,
    private readonly ttlMs = ACCESS_REVIEW_TTL_MS,
  ) {}

  allowed(identity: Identity, attributes: AccessAttributes): Promise<boolean> {
    const key = [
      identityKey(identity),
      attributes.verb,
      attributes.group,
      attributes.resource,
      attributes.namespace ?? '',
      attributes.name ?? '',
    ].join('\u0000');
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.answer;
    const answer = this.clientFor(identity).accessReview(attributes);
    const entry = { expires: now + this.ttlMs, answer };
    this.entries.set(key, entry);
    // A failed review (cluster down) must not be remembered as "no".
    answer.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > MAX_ENTRIES) this.prune(now);
    return answer;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    if (this.entries.size > MAX_ENTRIES) this.entries.clear();
  }
}
