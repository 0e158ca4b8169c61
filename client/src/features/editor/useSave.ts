import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  apiPaths,
  type ConflictDetails,
  type Diagnostic,
  type ServersTransportTCP,
  type TransportWriteResponse,
} from '@dialtone/shared';
import { isApiError, write } from '../../api';
import type { EditModel } from './editModel';
import { forUpdate, metadataField } from './objectText';

export interface SaveError {
  text: string;
  diagnostics: Diagnostic[];
  /** A create refused because the name is taken: the one that has it. */
  exists?: { namespace: string; name: string };
}

interface SaveTarget {
  cluster: string;
  /** Where a new transport goes when its YAML names no namespace. */
  fallbackNamespace: string;
  isNew: boolean;
  model: EditModel;
  base: ServersTransportTCP | undefined;
  baseVersion: string | undefined;
  onSaved(object: ServersTransportTCP): void;
  /** A 409: the object changed since it was opened; `current` is their version when the server sent it. */
  onConflict(current: ServersTransportTCP | undefined): Promise<void>;
}

/** Create or update with the version it was edited from; a conflict is handed back, never overwritten. */
export function useSave() {
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<SaveError>();

  const save = async (target: SaveTarget) => {
    setSaving(true);
    setError(undefined);
    try {
      const { cluster, model } = target;
      const namespace = metadataField(model.value, 'namespace') ?? target.fallbackNamespace;
      const name = metadataField(model.value, 'name') ?? '';
      const response = target.isNew
        ? await write<TransportWriteResponse>('POST', apiPaths.namespacedTransports(cluster, namespace), {
            json: model.value,
          })
        : await write<TransportWriteResponse>('PUT', apiPaths.transport(cluster, namespace, name), {
            json: forUpdate(model.value, target.base, target.baseVersion ?? ''),
          });
      await queryClient.invalidateQueries({ queryKey: ['transport', cluster] });
      target.onSaved(response.object);
    } catch (caught) {
      if (isApiError(caught, 'already_exists')) {
        const exists = caught.details as { namespace: string; name: string } | undefined;
        setError({ text: caught.message, diagnostics: [], ...(exists ? { exists } : {}) });
      } else if (isApiError(caught, 'conflict')) {
        await target.onConflict((caught.details as Partial<ConflictDetails> | undefined)?.current);
      } else {
        const details = isApiError(caught)
          ? (caught.details as { diagnostics?: Diagnostic[] } | undefined)
          : undefined;
        setError({
          text: caught instanceof Error ? caught.message : String(caught),
          diagnostics: details?.diagnostics ?? [],
        });
      }
    } finally {
      setSaving(false);
    }
  };

  return { save, saving, error, setError };
}
