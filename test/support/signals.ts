import { getEventListeners } from "node:events";

/** What a signal holds for the signals made from it: its abort listeners and Node's dependant set. */
export function heldBy(signal: AbortSignal): number {
  const dependants = Object.getOwnPropertySymbols(signal).find((s) => s.description === "kDependantSignals");
  const set = dependants ? (signal as unknown as Record<symbol, Set<unknown>>)[dependants] : undefined;
  return getEventListeners(signal, "abort").length + (set?.size ?? 0);
}
