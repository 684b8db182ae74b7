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
    } else if (JSON.stringify(value) !== JSON.stringify(before[key])) {
      patch[key] = value;
    }
  }
  return Object.keys(patch).length ? patch : undefined;
}
