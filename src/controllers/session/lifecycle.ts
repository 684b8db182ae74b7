import { latest, parseDuration, timeOf } from "../../api/durations.js";
import type { Session } from "../../api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION } from "../../api/labels.js";

export type EffectiveState = "running" | "hibernated" | "terminated";

/** Why the session should be in the state it should be in. */
export type LifecycleReason = "Requested" | "IdleTimeout" | "MaxSessionDurationExceeded" | "Woken";

export interface LifecycleDecision {
  readonly state: EffectiveState;
  readonly reason: LifecycleReason;
  /** Set while the session is idle and within the warning period before hibernation. */
  readonly idleWarning?: { readonly idleSince: number; readonly hibernateAt: number };
  /** When this decision may change by itself (idle warning, idle timeout, duration expiry). */
  readonly nextCheckAt?: number;
}

export interface LifecycleDefaults {
  readonly idleTimeout: string;
  readonly idleWarning: string;
}

/** The user's last sign of life: activity reported by the API, an activity annotation, or readiness. */
export function lastActivity(session: Session): number | undefined {
  return latest(
    timeOf(session.status?.lastActivity),
    timeOf(session.metadata?.annotations?.[LAST_ACTIVITY_ANNOTATION]),
    timeOf(session.status?.readyAt),
  );
}

function earliest(...times: Array<number | undefined>): number | undefined {
  const future = times.filter((t): t is number => t !== undefined);
  return future.length ? Math.min(...future) : undefined;
}

/**
 * What state a Session should be in now. spec.state is the user's wish; idle hibernation and the
 * duration limit are the controller's own decisions, remembered in status (phase and reason), never
 * written to spec.
 */
export function decideLifecycle(
  session: Session,
  defaults: LifecycleDefaults,
  now: number,
): LifecycleDecision {
  const { spec, status } = session;
  if (spec.state === "terminated") return { state: "terminated", reason: "Requested" };
  if (status?.phase === "Terminated" && status.reason === "MaxSessionDurationExceeded") {
    return { state: "terminated", reason: "MaxSessionDurationExceeded" };
  }
  const maxDuration = parseDuration(spec.maxSessionDuration ?? "8h");
  const startedAt = timeOf(status?.startedAt);
  const expiresAt = maxDuration > 0 && startedAt !== undefined ? startedAt + maxDuration : undefined;
  if (expiresAt !== undefined && now >= expiresAt)
    return { state: "terminated", reason: "MaxSessionDurationExceeded" };
  if (spec.state === "hibernated")
    return { state: "hibernated", reason: "Requested", nextCheckAt: expiresAt };

  const activity = lastActivity(session);
  if (status?.phase === "Hibernated" && status.reason === "IdleTimeout") {
    const hibernatedAt = timeOf(status.hibernatedAt) ?? 0;
    const woken = spec.autoStart !== false && activity !== undefined && activity > hibernatedAt;
    return woken
      ? { state: "running", reason: "Woken", nextCheckAt: expiresAt }
      : { state: "hibernated", reason: "IdleTimeout", nextCheckAt: expiresAt };
  }
  const idleTimeout = parseDuration(spec.idleTimeout ?? defaults.idleTimeout);
  // Only a session that has been up (Running, or Failed after trying) can be idle: one being started
  // again after a requested hibernation or termination has stale activity, and its idle clock restarts
  // with readyAt once it is Running.
  const up = status?.phase === "Running" || status?.phase === "Failed";
  if (idleTimeout === 0 || activity === undefined || !up)
    return { state: "running", reason: "Requested", nextCheckAt: expiresAt };
  const hibernateAt = activity + idleTimeout;
  if (now >= hibernateAt) return { state: "hibernated", reason: "IdleTimeout", nextCheckAt: expiresAt };
  const warnAt = hibernateAt - Math.min(parseDuration(defaults.idleWarning), idleTimeout);
  return {
    state: "running",
    reason: "Requested",
    ...(now >= warnAt ? { idleWarning: { idleSince: activity, hibernateAt } } : {}),
    nextCheckAt: earliest(now < warnAt ? warnAt : undefined, hibernateAt, expiresAt),
  };
}
