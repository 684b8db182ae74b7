import { type ConditionUpdate, findCondition, nextConditions } from "../../api/conditions.js";
import { rfc3339, timeOf } from "../../api/durations.js";
import type { SessionStatus } from "../../api/generated/types.js";
import type { ObjectRef } from "../../apply/inventory.js";
import type { Observation } from "./health.js";
import type { LifecycleDecision } from "./lifecycle.js";

/** Something that stops the session from progressing until a person acts. */
export interface Blocker {
  readonly reason:
    | "TemplateNotFound"
    | "TemplateInvalid"
    | "QuotaExceeded"
    | "ObjectConflict"
    | "ObjectRejected"
    | "PodRejected";
  readonly message: string;
}

export interface StatusInput {
  readonly previous: SessionStatus | undefined;
  readonly generation: number | undefined;
  readonly now: number;
  readonly inventory: readonly ObjectRef[];
  readonly url?: string;
  readonly blocker?: Blocker;
  readonly decision?: LifecycleDecision;
  readonly observation?: Observation;
  readonly startupTimeoutMs?: number;
}

const TRANSIENT = ["Reconciling", "Stalled", "IdleWarning"];

function progressReason(decision: LifecycleDecision, previous: SessionStatus | undefined): string {
  if (decision.state === "terminated") return "Terminating";
  if (decision.state === "hibernated") return "Hibernating";
  // Still waking on later passes (phase Pending, reason Waking), not "Starting" after the first one.
  const waking =
    previous?.phase === "Hibernated" || (previous?.phase === "Pending" && previous.reason === "Waking");
  return decision.reason === "Woken" || waking ? "Waking" : "Starting";
}

/**
 * The Session's next status, a pure function of what was decided and observed. Phase Running only
 * once the pod is Ready; Failed once startupTimeout has passed, with the pod's own reason.
 */
export function nextStatus(input: StatusInput): SessionStatus {
  const { previous, now, generation } = input;
  const stamp = rfc3339(now);
  const base: SessionStatus = {
    ...previous,
    observedGeneration: generation,
    inventory: [...input.inventory],
  };
  const finish = (status: SessionStatus, set: ConditionUpdate[]) => ({
    ...status,
    conditions: nextConditions(
      previous?.conditions,
      set,
      TRANSIENT.filter((t) => !set.some((c) => c.type === t)),
      stamp,
      generation,
    ),
  });

  if (input.blocker) {
    const { reason, message } = input.blocker;
    return finish(
      { ...base, phase: previous?.phase === "Running" ? "Running" : "Pending", reason, message },
      [
        { type: "Ready", status: "False", reason, message },
        { type: "Stalled", status: "True", reason, message },
      ],
    );
  }
  const decision = input.decision as LifecycleDecision;
  const observation = input.observation as Observation;
  const withUrl =
    decision.state === "terminated"
      ? { ...base, url: undefined, podName: undefined }
      : { ...base, url: input.url };
  const idle: ConditionUpdate[] = decision.idleWarning
    ? [
        {
          type: "IdleWarning",
          status: "True",
          reason: "Idle",
          message: `idle since ${rfc3339(decision.idleWarning.idleSince)}; hibernates at ${rfc3339(decision.idleWarning.hibernateAt)} unless used`,
        },
      ]
    : [];

  switch (observation.kind) {
    case "ready":
      return finish(
        {
          ...withUrl,
          phase: "Running",
          reason: "Ready",
          message: "the app is ready",
          podName: observation.podName,
          startedAt: previous?.startedAt ?? stamp,
          readyAt: previous?.phase === "Running" && previous.readyAt ? previous.readyAt : stamp,
          hibernatedAt: undefined,
        },
        [{ type: "Ready", status: "True", reason: "Running", message: "the app is ready" }, ...idle],
      );
    case "hibernated":
      return finish(
        {
          ...withUrl,
          phase: "Hibernated",
          reason: decision.reason,
          message:
            decision.reason === "IdleTimeout"
              ? "hibernated after being idle; connect to wake it"
              : "hibernated; the home volume is kept",
          podName: undefined,
          hibernatedAt:
            previous?.phase === "Hibernated" && previous.hibernatedAt ? previous.hibernatedAt : stamp,
        },
        [{ type: "Ready", status: "True", reason: "Hibernated", message: "scaled to zero as desired" }],
      );
    case "terminated":
      return finish(
        {
          ...withUrl,
          phase: "Terminated",
          reason: decision.reason,
          message:
            decision.reason === "MaxSessionDurationExceeded"
              ? "terminated: the session reached its maxSessionDuration; the home volume is kept"
              : "terminated; the home volume is kept",
          podName: undefined,
        },
        [{ type: "Ready", status: "True", reason: "Terminated", message: "workload removed as desired" }],
      );
    default: {
      const reason = progressReason(decision, previous);
      const reconciling = findCondition(previous?.conditions, "Reconciling");
      const since = reconciling?.status === "True" ? (timeOf(reconciling.lastTransitionTime) ?? now) : now;
      const cause = observation.cause;
      const timedOut =
        decision.state === "running" &&
        input.startupTimeoutMs !== undefined &&
        input.startupTimeoutMs > 0 &&
        now - since >= input.startupTimeoutMs;
      const progress = cause ? `${cause.reason}: ${cause.message}` : `${reason.toLowerCase()}`;
      const started = decision.state === "running" ? { startedAt: previous?.startedAt ?? stamp } : {};
      if (timedOut) {
        const failReason = cause?.reason ?? "StartupTimeout";
        const message = `not ready after the startupTimeout: ${cause ? cause.message : "the pod never became Ready"}`;
        return finish({ ...withUrl, ...started, phase: "Failed", reason: failReason, message }, [
          { type: "Ready", status: "False", reason: failReason, message },
          { type: "Reconciling", status: "True", reason, message: progress },
          { type: "Stalled", status: "True", reason: failReason, message },
          ...idle,
        ]);
      }
      const phase = decision.state === "running" ? "Pending" : (previous?.phase ?? "Pending");
      return finish({ ...withUrl, ...started, phase, reason, message: progress }, [
        { type: "Ready", status: "False", reason, message: progress },
        { type: "Reconciling", status: "True", reason, message: progress },
        ...idle,
      ]);
    }
  }
}
