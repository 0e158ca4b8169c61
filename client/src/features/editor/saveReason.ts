import { ADMISSION_SOURCES, isAdmissible } from '@dialtone/shared';
import type { EditModel } from './editModel';

export type SavePermission = { ok: true } | { ok: false; reason: string };

/** Why Save cannot be pressed now, in words shown next to it; undefined when it can. */
export function saveReason(
  permission: SavePermission,
  model: EditModel,
  dirty: boolean,
  isNew: boolean,
): string | undefined {
  if (!permission.ok) return permission.reason;
  if (model.fatal) return model.shapeProblem ?? 'The YAML cannot be read.';
  if (!isAdmissible(model.diagnostics)) {
    const errors = model.diagnostics.filter(
      (d) => d.severity === 'error' && ADMISSION_SOURCES.includes(d.source),
    ).length;
    return `Fix the ${String(errors)} error${errors === 1 ? '' : 's'} the API server would refuse first.`;
  }
  if (!dirty && !isNew) return 'Nothing changed yet.';
  return undefined;
}
