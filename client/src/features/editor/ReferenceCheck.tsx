import type { PathSegment } from '@dialtone/shared';
import { SafeText } from '../shell';
import { referenceKind, usableKeys } from './formFields';
import { useConfigObjects } from './queries';
import type { FormContext } from './SchemaForm';

/** Offers the namespace's Secrets or ConfigMaps and says whether the named one exists with usable keys. */
export function ReferenceCheck({ ctx, path, name }: { ctx: FormContext; path: PathSegment[]; name: string }) {
  const kind = referenceKind(path)!;
  const objects = useConfigObjects(ctx.cluster, ctx.namespace, kind);
  const listId = `${kind}-${ctx.namespace ?? ''}`;
  const found = objects.data?.items.find((o) => o.name === name);
  let note: string | undefined;
  if (name && objects.data) {
    if (!found)
      note = `No ${kind === 'secrets' ? 'Secret' : 'ConfigMap'} named ${name} in ${ctx.namespace ?? ''}.`;
    else if (!usableKeys(path).some((keys) => keys.every((k) => found.keys.includes(k))))
      note = `${name} has none of the keys Traefik reads (${usableKeys(path)
        .map((k) => k.join(' + '))
        .join(' or ')}).`;
    else if (found.invisibleToTraefik)
      note = `${name} is labelled owner=helm: Traefik's informer does not see it.`;
  }
  return (
    <>
      <datalist id={listId}>
        {objects.data?.items.map((o) => (
          <option key={o.name} value={o.name} />
        ))}
      </datalist>
      {note && (
        <p className="field-note diagnostic-warning">
          <SafeText text={note} />
        </p>
      )}
      {found && !note && <p className="field-note ok-text">Found, with keys {found.keys.join(', ')}.</p>}
      {objects.isError && (
        <p className="field-note muted">
          The {kind} of this namespace cannot be listed: {objects.error.message}
        </p>
      )}
    </>
  );
}
