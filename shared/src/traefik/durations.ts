import type { IntOrString } from '../model/index.js';
import { formatGoDuration, INT64_MAX, INT64_MIN, parseGoDuration, wrapInt64 } from './goDuration.js';

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** How Traefik reads one duration field of a ServersTransportTCP. */
export interface TraefikDurationReading {
  /** Nanoseconds Traefik will use (0 after a parse error, wrapped after an overflow). */
  nanos: bigint;
  /** Set when Traefik logs "Error while reading ..." and keeps 0. */
  error?: string;
  /** The value is a number of seconds without a unit (an integer or a digit string). */
  bareSeconds: boolean;
  /** Seconds multiplied past int64 and wrapped around (Go does not detect it). */
  wrapped: boolean;
  /** An integer outside int32: Traefik's IntOrString decoding fails for the whole object. */
  outsideInt32: boolean;
}

/**
 * paerser's Duration.Set, which Traefik calls with the IntOrString's string form: digits alone
 * are seconds (strconv.ParseInt, then multiplied without overflow check), anything else goes to
 * time.ParseDuration, and on error the value is already 0.
 */
export function readTraefikDuration(value: IntOrString): TraefikDurationReading {
  const text = typeof value === 'number' ? String(value) : value;
  const outsideInt32 = typeof value === 'number' && (value < INT32_MIN || value > INT32_MAX);
  if (/^[-+]?[0-9]+$/.test(text)) {
    const seconds = BigInt(text);
    if (seconds >= INT64_MIN && seconds <= INT64_MAX) {
      const exact = seconds * 1_000_000_000n;
      const nanos = wrapInt64(exact);
      return { nanos, bareSeconds: true, wrapped: nanos !== exact, outsideInt32 };
    }
  }
  const parsed = parseGoDuration(text);
  if (!parsed.ok) return { nanos: 0n, error: parsed.error, bareSeconds: false, wrapped: false, outsideInt32 };
  return { nanos: parsed.nanos, bareSeconds: false, wrapped: false, outsideInt32 };
}

export { formatGoDuration };
