import type { ObjectRef } from "../api/generated/types.js";

export type { ObjectRef } from "../api/generated/types.js";

type Identified = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

export function refOf(object: Identified): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

/** What was applied before and is no longer desired: the objects to prune. */
export function staleRefs(previous: readonly ObjectRef[], desired: readonly ObjectRef[]): ObjectRef[] {
  const keep = new Set(desired.map(refKey));
  return previous.filter((ref) => !keep.has(refKey(ref)));
}

/**
 * The inventory to record: everything desired, plus what should have been pruned but was not (a
 * failed delete), so it is tried again and never forgotten. Sorted, so an unchanged inventory
 * compares equal and causes no status write.
 */
export function nextInventory(
  desired: readonly ObjectRef[],
  failedPrunes: readonly ObjectRef[],
): ObjectRef[] {
  const byKey = new Map([...desired, ...failedPrunes].map((ref) => [refKey(ref), ref]));
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as ObjectRef);
}
