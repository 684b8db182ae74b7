import { cappedDuration, latest, parseDuration, pastTimeOf, timeOf } from "../../api/durations.js";
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
  /** The most a Session may ask for; "0" in it sets no maximum (docs/decisions/0040). */
  readonly maximums: { readonly idleTimeout: string; readonly maxSessionDuration: string };
}

/**
 * The user's last sign of life: activity reported by the API, an activity annotation, or readiness.
 * A time in the future is no sign of life: anyone who may annotate the Session could otherwise
 * keep it from ever being idle.
 */
export function lastActivity(session: Session, now: number): number | undefined {
  return latest(
    pastTimeOf(session.status?.lastActivity, now),
    pastTimeOf(session.metadata?.annotations?.[LAST_ACTIVITY_ANNOTATION], now),
    pastTimeOf(session.status?.readyAt, now),
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
  const maxDuration = cappedDuration(spec.maxSessionDuration ?? "8h", defaults.maximums.maxSessionDuration);
  const startedAt = timeOf(status?.startedAt);
  const expiresAt = maxDuration > 0 && startedAt !== undefined ? startedAt + maxDuration : undefined;
  if (expiresAt !== undefined && now >= expiresAt)
    return { state: "terminated", reason: "MaxSessionDurationExceeded" };
  if (spec.state === "hibernated")
    return { state: "hibernated", reason: "Requested", nextCheckAt: expiresAt };

  const activity = lastActivity(session, now);
  if (status?.phase === "Hibernated" && status.reason === "IdleTimeout") {
    const hibernatedAt = timeOf(status.hibernatedAt) ?? 0;
    const woken = spec.autoStart !== false && activity !== undefined && activity > hibernatedAt;
    return woken
      ? { state: "running", reason: "Woken", nextCheckAt: expiresAt }
      : { state: "hibernated", reason: "IdleTimeout", nextCheckAt: expiresAt };
  }
  const idleTimeout = cappedDuration(spec.idleTimeout ?? defaults.idleTimeout, defaults.maximums.idleTimeout);
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
