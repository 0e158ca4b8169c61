import {
  formatGoDuration,
  readTraefikDuration,
  TRAEFIK_DURATION_DEFAULTS,
  type DurationField,
} from '@dialtone/shared';

/**
 * What Traefik will read from a duration field, in words a person checks at a glance:
 * "100 → 1m40s (seconds!)", "" → "30s (Traefik's default)".
 */
export function describeDuration(field: DurationField, raw: string | number | undefined): string {
  if (raw === undefined || raw === '') {
    return `unset → ${formatGoDuration(TRAEFIK_DURATION_DEFAULTS[field])} (Traefik's default)`;
  }
  const reading = readTraefikDuration(raw);
  const shown = formatGoDuration(reading.nanos);
  if (reading.error) return `${String(raw)} → 0 (Traefik cannot read it and uses 0, not its default)`;
  if (reading.wrapped) return `${String(raw)} → ${shown} (overflowed: seconds past what Go can hold)`;
  if (reading.bareSeconds) return `${String(raw)} → ${shown} (seconds!)`;
  return `${String(raw)} → ${shown}`;
}

/** A typed duration as it should be stored: digits alone become an integer, as kubectl would write them. */
export function durationValue(text: string): string | number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^-?[0-9]{1,9}$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}
