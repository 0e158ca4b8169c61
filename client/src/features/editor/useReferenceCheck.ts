import { useMemo } from 'react';
import { listingReferenceDiagnostics } from '@dialtone/shared';
import type { EditModel } from './editModel';
import { withPositions } from './editModel';
import { specOf } from './objectText';
import { useConfigObjects } from './queries';

/**
 * The model with its Secret and ConfigMap references checked against the namespace, as Traefik
 * would load them: a missing object or key is an error on the field that names it, while typing.
 */
export function useReferenceCheck(
  cluster: string,
  namespace: string | undefined,
  model: EditModel,
): EditModel {
  const secrets = useConfigObjects(cluster, namespace, 'secrets');
  const configMaps = useConfigObjects(cluster, namespace, 'configmaps');
  return useMemo(() => {
    if (model.fatal || !namespace) return model;
    const found = listingReferenceDiagnostics(specOf(model.value), namespace, {
      secrets: secrets.data?.items,
      configMaps: configMaps.data?.items,
    });
    if (found.length === 0) return model;
    return { ...model, diagnostics: [...model.diagnostics, ...withPositions(found, model.locate)] };
  }, [model, namespace, secrets.data, configMaps.data]);
}
