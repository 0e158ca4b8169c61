import type { TransportSummary } from '@dialtone/shared';

type Counts = TransportSummary['diagnostics'];

const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

export interface ProblemPart {
  severity: keyof Counts;
  text: string;
  /** For a phone-wide column: "2 warn" for "2 warnings". */
  short: string;
}

/** Every count of a row in words, errors first; empty when there is nothing to say. */
export function problemParts(counts: Counts): ProblemPart[] {
  const parts: ProblemPart[] = [];
  if (counts.error > 0)
    parts.push({
      severity: 'error',
      text: plural(counts.error, 'error'),
      short: `${String(counts.error)} err`,
    });
  if (counts.warning > 0)
    parts.push({
      severity: 'warning',
      text: plural(counts.warning, 'warning'),
      short: `${String(counts.warning)} warn`,
    });
  if (counts.info > 0)
    parts.push({ severity: 'info', text: plural(counts.info, 'note'), short: `${String(counts.info)} note` });
  return parts;
}

// A loop, not Math.max(...values): a list of 100,000 rows would overflow the argument stack.
function longest(values: readonly number[], floor: number): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}

/**
 * Column widths in `ch` from the rows themselves, so a long name or three problem counts are shown
 * whole rather than cut; capped so one absurd name cannot push the other columns off screen.
 */
export function contentWidths(
  rows: readonly TransportSummary[],
  short = false,
): {
  name: number;
  namespace: number;
  problems: number;
} {
  const name = longest(
    rows.map(
      (r) =>
        r.name.length +
        (r.badges.includes('proxy-protocol') ? 7 : 0) +
        (r.badges.includes('deprecated-fields') ? 12 : 0),
    ),
    8,
  );
  const namespace = longest(
    rows.map((r) => r.namespace.length),
    9,
  );
  // Pills are set at 0.8em, with about 2.5ch of padding, border and margin each.
  const problems = longest(
    rows.map((r) =>
      problemParts(r.diagnostics).reduce((sum, p) => sum + (short ? p.short : p.text).length * 0.8 + 2.5, 0),
    ),
    8,
  );
  return {
    name: Math.min(name + 2, 48),
    namespace: Math.min(namespace + 2, 32),
    problems: Math.ceil(problems + 1),
  };
}
