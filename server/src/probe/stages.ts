import type { ProbeStage } from '@dialtone/shared';

/** Durations are reported to 0.1 ms: finer digits would only show our own noise. */
export const round = (ms: number | undefined): number => (ms === undefined ? 0 : Math.round(ms * 10) / 10);

export function stage(
  name: ProbeStage['name'],
  status: ProbeStage['status'],
  message: string,
  durationMs?: number,
): ProbeStage {
  return { name, status, durationMs: round(durationMs), message };
}

const ALL_STAGES: ProbeStage['name'][] = [
  'build',
  'resolve',
  'connect',
  'proxy-protocol',
  'tls-handshake',
  'chain',
  'host-name',
  'peer-identity',
];

/** Fills the stages that never ran, so every result lists all of them in order. */
export function complete(stages: ProbeStage[], why: string): ProbeStage[] {
  const have = new Map(stages.map((s) => [s.name, s]));
  return ALL_STAGES.map((name) => have.get(name) ?? stage(name, 'skipped', why));
}
