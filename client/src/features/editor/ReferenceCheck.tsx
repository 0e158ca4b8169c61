import { caKeyOf, type PathSegment } from '@dialtone/shared';
import { SafeText } from '../shell';
import { referenceKind } from './formFields';
import { useConfigObjects } from './queries';
import type { FormContext } from './Field';

/** Offers the namespace's Secrets or ConfigMaps and says whether the named one exists with usable keys. */
export function ReferenceCheck({ ctx, path, name }: { ctx: FormContext; path: PathSegment[]; name: string }) {
  const kind = referenceKind(path)!;
  const objects = useConfigObjects(ctx.cluster, ctx.namespace, kind);
  const listId = `${kind}-${ctx.namespace ?? ''}`;
  const found = objects.data?.items.find((o) => o.name === name);
  // A missing object or key is a diagnostic on this field (useReferenceCheck); here only the good news.
  const usable =
    found !== undefined &&
    !found.invisibleToTraefik &&
    (path.includes('certificatesSecrets')
      ? found.keys.includes('tls.crt') && found.keys.includes('tls.key')
      : caKeyOf(kind === 'secrets' ? 'Secret' : 'ConfigMap', found.keys) !== undefined);
  return (
    <>
      <datalist id={listId}>
        {objects.data?.items.map((o) => (
          <option key={o.name} value={o.name} />
        ))}
      </datalist>
      {found && usable && (
        <p className="field-note ok-text">
          Found, with keys <SafeText text={found.keys.join(', ')} />.
        </p>
      )}
      {objects.isError && (
        <p className="field-note muted">
          The {kind} of this namespace cannot be listed: {objects.error.message}
        </p>
      )}
    </>
  );
}
