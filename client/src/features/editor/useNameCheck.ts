import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { apiPaths, type Diagnostic } from '@dialtone/shared';
import { getJson, isApiError } from '../../api';
import { withPositions, type EditModel } from './editModel';

export const NAME_TAKEN = 'kubernetes.name-taken';

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A new transport's name checked against the cluster while typing: a taken name is an error on the
 * name field before Save, not a 409 after it.
 */
export function useNameCheck(
  cluster: string,
  namespace: string | undefined,
  name: string | undefined,
  model: EditModel,
  enabled: boolean,
): EditModel {
  const settled = useSettled(name, 250);
  const checkable = enabled && Boolean(namespace) && !!settled && DNS_1123_SUBDOMAIN.test(settled);
  const taken = useQuery({
    queryKey: ['name-taken', cluster, namespace, settled],
    enabled: checkable,
    retry: false,
    staleTime: 5_000,
    queryFn: async ({ signal }) => {
      try {
        await getJson(apiPaths.transport(cluster, namespace!, settled!), signal);
        return true;
      } catch (error) {
        if (isApiError(error, 'not_found')) return false;
        throw error;
      }
    },
  });
  const isTaken = checkable && settled === name && taken.data === true;
  return useMemo(() => {
    if (!isTaken) return model;
    const finding: Diagnostic = {
      severity: 'error',
      code: NAME_TAKEN,
      source: 'kubernetes',
      path: '/metadata/name',
      message: `A ServersTransportTCP named ${name ?? ''} already exists in ${namespace ?? ''}; the API server refuses a second one.`,
      hint: 'Choose another name, or open the existing transport to edit it.',
    };
    return { ...model, diagnostics: [...model.diagnostics, ...withPositions([finding], model.locate)] };
  }, [isTaken, model, name, namespace]);
}
