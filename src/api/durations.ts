const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The longest duration anything takes: the schemas refuse more (docs/decisions/0040). It also keeps
 * every timer and abort deadline built from a duration well inside what a Node timer can hold
 * (2^31-1 ms, 596 h): past that, Node fires it after 1 ms.
 */
export const MAX_DURATION_MS = 168 * 3_600_000;

/**
 * Milliseconds of a schema duration ("90s", "1h30m", "0"); 0 means disabled. A longer value than
 * MAX_DURATION_MS (an object stored before the schema bounded it, a platform config) counts as that.
 */
export function parseDuration(text: string): number {
  if (text === "0") return 0;
  let total = 0;
  const re = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g;
  let consumed = 0;
  for (const match of text.matchAll(re)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
    consumed += match[0].length;
  }
  if (consumed !== text.length || consumed === 0)
    throw new Error(`"${text}" is not a duration such as 30s, 15m or 1h30m`);
  return Math.min(total, MAX_DURATION_MS);
}

/**
 * A duration a Session asked for, held to the platform's maximum: 0 (never) and anything longer
 * become the maximum. A maximum of 0 sets none.
 */
export function cappedDuration(asked: string, maximum: string): number {
  const ms = parseDuration(asked);
  const cap = parseDuration(maximum);
  if (cap === 0) return ms;
  return ms === 0 ? cap : Math.min(ms, cap);
}

/** How far ahead of this replica's clock a reported time may be and still count (clock skew). */
export const CLOCK_SKEW_MS = 60_000;

/** Milliseconds since the epoch of an RFC 3339 time, or undefined. */
export function timeOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A reported time that may not lie in the future: anything later than `now` (plus clock skew) is
 * ignored, so that no one keeps a session alive by writing a time years ahead.
 */
export function pastTimeOf(text: string | undefined, now: number): number | undefined {
  const ms = timeOf(text);
  return ms !== undefined && ms <= now + CLOCK_SKEW_MS ? ms : undefined;
}

export function latest(...times: Array<number | undefined>): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

/** RFC 3339 with second precision, as Kubernetes writes times. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
