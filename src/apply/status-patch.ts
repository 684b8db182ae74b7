/**
 * A JSON merge patch that turns `previous` into `next`, or undefined when they are equal — the
 * controller writes nothing when nothing changed. Keys that disappear are sent as null.
 */
export function statusPatch(previous: object | undefined, next: object): Record<string, unknown> | undefined {
  const before = (previous ?? {}) as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const value = after[key];
    if (value === undefined) {
      if (before[key] !== undefined) patch[key] = null;
    } else if (canonical(value) !== canonical(before[key])) {
      patch[key] = value;
    }
  }
  return Object.keys(patch).length ? patch : undefined;
}

/**
 * JSON with object keys sorted: the API server returns custom resources with their keys in
 * alphabetical order (Go maps), so a condition we built as {type, status, …} must still compare
 * equal to the same condition read back as {lastTransitionTime, message, …}.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
