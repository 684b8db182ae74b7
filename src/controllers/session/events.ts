import type { SessionStatus } from "../../api/generated/types.js";
import type { EventSpec } from "../../core/events.js";

const WARNINGS = new Set([
  "TemplateNotFound",
  "TemplateInvalid",
  "QuotaExceeded",
  "ObjectConflict",
  "ObjectRejected",
  "PodRejected",
]);

/**
 * The Events a status change is worth: one when the phase or its reason changes (a new problem, the
 * app ready, hibernated…), one when an idle warning appears. Progress messages alone make none, so a
 * Session's event list reads as its history. A new Session's first "Starting" is not news either (its
 * creation is): in a burst of creations that Event would be one more write per Session.
 */
export function sessionEvents(previous: SessionStatus | undefined, next: SessionStatus): EventSpec[] {
  const events: EventSpec[] = [];
  const phase = next.phase ?? "Pending";
  const created = previous?.phase === undefined && phase === "Pending" && next.reason === "Starting";
  if (!created && (phase !== previous?.phase || next.reason !== previous?.reason)) {
    const named = phase === "Hibernated" || phase === "Terminated";
    const reason = named ? phase : (next.reason ?? phase);
    const warning = phase === "Failed" || WARNINGS.has(reason);
    events.push({
      type: warning ? "Warning" : "Normal",
      reason,
      action: "Reconcile",
      note: next.message ?? phase,
    });
  }
  const idle = next.conditions?.find((c) => c.type === "IdleWarning" && c.status === "True");
  const wasIdle = previous?.conditions?.some((c) => c.type === "IdleWarning" && c.status === "True");
  if (idle && !wasIdle) {
    events.push({ type: "Warning", reason: "Idle", action: "Reconcile", note: idle.message ?? "idle" });
  }
  return events;
}
