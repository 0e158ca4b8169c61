import {
  formatGoDuration,
  fromPointer,
  readTraefikDuration,
  type Diagnostic,
  type PathSegment,
} from '@dialtone/shared';

export interface QuickFix {
  label: string;
  edits: { path: PathSegment[]; value: unknown }[];
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function segments(pointer: string): PathSegment[] | undefined {
  try {
    return fromPointer(pointer).map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
  } catch {
    return undefined;
  }
}

/**
 * A mechanical fix for a finding, when the intent is unambiguous: a unit made explicit, a deprecated
 * field moved to its replacement, a typo the validator recognised. Anything that needs a choice
 * (what "1s30" meant, which PROXY version the backend speaks) is left to the person.
 */
export function quickFix(diagnostic: Diagnostic, value: unknown): QuickFix | undefined {
  const path = segments(diagnostic.path);
  if (!path) return undefined;
  switch (diagnostic.code) {
    case 'traefik.bare-seconds': {
      const raw = valueAt(value, path);
      if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
      const explicit = formatGoDuration(readTraefikDuration(raw).nanos);
      return { label: `Write "${explicit}"`, edits: [{ path, value: explicit }] };
    }
    case 'traefik.deprecated-root-cas-secrets': {
      const secrets = valueAt(value, path);
      if (!Array.isArray(secrets)) return undefined;
      const rootCAsPath = [...path.slice(0, -1), 'rootCAs'];
      const existing = valueAt(value, rootCAsPath);
      const rootCAs = [
        ...(Array.isArray(existing) ? existing : []),
        ...secrets.map((secret) => ({ secret })),
      ];
      return {
        label: 'Move to rootCAs',
        edits: [
          { path: rootCAsPath, value: rootCAs },
          { path, value: undefined },
        ],
      };
    }
    case 'schema.unknown-field': {
      const suggestion = /Did you mean "([^"]+)"\?/.exec(diagnostic.hint ?? '')?.[1];
      const current = valueAt(value, path);
      const target = [...path.slice(0, -1), suggestion ?? ''];
      if (!suggestion || current === undefined || valueAt(value, target) !== undefined) return undefined;
      return {
        label: `Rename to ${suggestion}`,
        edits: [
          { path: target, value: current },
          { path, value: undefined },
        ],
      };
    }
    default:
      return undefined;
  }
}
