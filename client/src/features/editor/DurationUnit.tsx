import { formatGoDuration, readTraefikDuration } from '@dialtone/shared';

const UNITS = [
  ['ms', 1e6],
  ['s', 1e9],
  ['m', 60e9],
  ['h', 3600e9],
] as const;

type Unit = (typeof UNITS)[number][0];

/** The unit a value is written in, when it is one number and one unit. */
export function unitOf(value: string | number | undefined): Unit | undefined {
  if (typeof value !== 'string') return undefined;
  return /^-?\d+(\.\d+)?(ms|s|m|h)$/.exec(value.trim())?.[2] as Unit | undefined;
}

/** The same duration in another unit, as Traefik would read it: 5s in ms is 5000ms. */
export function inUnit(value: string | number | undefined, unit: Unit): string | undefined {
  if (value === undefined || value === '') return undefined;
  const reading = readTraefikDuration(value);
  if (reading.error) return undefined;
  const per = UNITS.find(([u]) => u === unit)![1];
  const amount = Number(reading.nanos) / per;
  return `${String(Math.round(amount * 1000) / 1000)}${unit}`;
}

/**
 * A unit picker beside a duration: it shows the unit as written and rewrites the value in the one
 * picked, keeping what Traefik reads (a bare number, which Traefik reads as seconds, gets its unit).
 */
export function DurationUnit({
  label,
  value,
  onValue,
}: {
  label: string;
  value: string | number | undefined;
  onValue(value: string): void;
}) {
  const unit = unitOf(value);
  const usable = value !== undefined && value !== '' && !readTraefikDuration(value).error;
  return (
    <select
      className="unit"
      aria-label={`Unit for ${label}`}
      value={unit ?? ''}
      disabled={!usable}
      title={usable ? `Traefik reads ${formatGoDuration(readTraefikDuration(value).nanos)}` : undefined}
      onChange={(e) => {
        const next = inUnit(value, e.target.value as Unit);
        if (next) onValue(next);
      }}
    >
      <option value="" disabled>
        {typeof value === 'number' ? 'seconds (bare number)' : 'unit'}
      </option>
      {UNITS.map(([u]) => (
        <option key={u} value={u}>
          {u}
        </option>
      ))}
    </select>
  );
}
