function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch from `before` to `after`: what a repository's patch file needs to say. */
export function mergePatch(before: unknown, after: unknown): unknown {
  if (!isRecord(before) || !isRecord(after)) return after;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
    patch[key] = mergePatch(before[key], value);
  }
  return patch;
}

/** A kustomize patch of one transport: its identity plus the fields that changed. */
export function transportPatch(before: unknown, after: unknown): Record<string, unknown> {
  const changed = mergePatch(before, after);
  const meta = isRecord(after) && isRecord(after['metadata']) ? after['metadata'] : {};
  const changedMeta = isRecord(changed) && isRecord(changed['metadata']) ? changed['metadata'] : {};
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    ...(isRecord(changed) ? changed : {}),
    metadata: { ...changedMeta, name: meta['name'], namespace: meta['namespace'] },
  };
}
