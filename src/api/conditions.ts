import type { Condition } from "./generated/types.js";

export interface ConditionUpdate {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown";
  readonly reason: string;
  readonly message: string;
}

/**
 * The next list of conditions: `set` are written, `remove` are dropped (kstatus reads an absent
 * Reconciling or Stalled as False). lastTransitionTime moves only when a condition's status changes,
 * so an unchanged situation yields an identical list and no write.
 */
export function nextConditions(
  previous: readonly Condition[] | undefined,
  set: readonly ConditionUpdate[],
  remove: readonly string[],
  now: string,
  generation: number | undefined,
): Condition[] {
  const old = new Map((previous ?? []).map((c) => [c.type, c]));
  const out = new Map<string, Condition>();
  for (const c of previous ?? []) if (!remove.includes(c.type)) out.set(c.type, c);
  for (const update of set) {
    const before = old.get(update.type);
    out.set(update.type, {
      ...update,
      lastTransitionTime:
        before && before.status === update.status && before.lastTransitionTime
          ? before.lastTransitionTime
          : now,
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
    });
  }
  return [...out.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}
