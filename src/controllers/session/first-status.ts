import type { SessionStatus } from "../../api/generated/types.js";
import type { Observation } from "./health.js";

/** How long a new Session's first status may wait for its pod to be Ready (docs/decisions/0151). */
export const FIRST_STATUS_HOLD_MS = 2000;

export interface FirstStatusInput {
  /** The Session's status as last written; undefined while it has none. */
  readonly previous: SessionStatus | undefined;
  /** The Session's creationTimestamp in ms, as the API server set it. */
  readonly createdAt: number | undefined;
  readonly observation: Observation;
  /** Something stops the Session (no Template, quota…): that is news to tell at once. */
  readonly blocked: boolean;
  readonly now: number;
}

/**
 * How many ms to hold back a new Session's first status, or undefined to write it now. A Session
 * whose pod turns Ready within the hold (most do, on a busy machine too: BENCHMARKS.md) then gets one status write (Running) and one Event instead of
 * two each, which halves the reconciler's status traffic in a burst of creations. A pod's problem in
 * that time waits too: most are passing (the scheduler calls a pod unschedulable until its new home
 * volume is bound), and one that lasts is told at the end of the hold. A blocker (no Template, quota, refused
 * objects) is written at once: it will not pass by itself. A clock behind the API server's makes the
 * age negative; the hold is still never longer than FIRST_STATUS_HOLD_MS at a time.
 */
export function firstStatusHold(input: FirstStatusInput): number | undefined {
  const { previous, createdAt, observation, blocked, now } = input;
  if (previous?.phase !== undefined || createdAt === undefined || blocked) return undefined;
  if (observation.kind !== "progressing") return undefined;
  const left = FIRST_STATUS_HOLD_MS - (now - createdAt);
  return left > 0 ? Math.min(left, FIRST_STATUS_HOLD_MS) : undefined;
}
