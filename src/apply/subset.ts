/**
 * Whether every field we declare already has that value in the live object. Fields the API server
 * or other managers add (defaults, status, annotations of their own) do not count: server-side
 * apply would leave them alone too. Arrays must match element for element.
 */
export function isSubset(desired: unknown, live: unknown): boolean {
  if (desired === live) return true;
  // The API server stores an empty list as no list at all.
  if (Array.isArray(desired) && desired.length === 0 && live === undefined) return true;
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) &&
      desired.length === live.length &&
      desired.every((item, i) => isSubset(item, live[i]))
    );
  }
  if (desired !== null && typeof desired === "object") {
    if (live === null || typeof live !== "object" || Array.isArray(live)) return false;
    return Object.entries(desired).every(([key, value]) =>
      isSubset(value, (live as Record<string, unknown>)[key]),
    );
  }
  // The API server stores numbers we wrote as strings ("1" CPU) as they were, but compare loosely
  // in case a field round-trips as a number.
  return typeof desired !== "object" && typeof live !== "object" && String(desired) === String(live);
}
