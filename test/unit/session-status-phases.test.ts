/**
 * The phase a user sees: Running only once the pod is Ready; Pending (Starting or Waking) while it
 * converges; Failed with the pod's own reason once startupTimeout has passed; Hibernated; Terminated.
 */
import { describe, expect, it } from "vitest";
import { findCondition } from "../../src/api/conditions.js";
import type { SessionStatus } from "../../src/api/generated/types.js";
import type { Observation } from "../../src/controllers/session/health.js";
import type { LifecycleDecision } from "../../src/controllers/session/lifecycle.js";
import { nextStatus } from "../../src/controllers/session/status.js";

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.parse("2025-03-01T10:00:00Z");
const URL = "https://ss-alice-firefox.sessions.example.com/";
const running: LifecycleDecision = { state: "running", reason: "Requested" };
const progressing: Observation = { kind: "progressing" };
const ready: Observation = { kind: "ready", podName: "ss-alice-firefox-7d9f8-x2x4q" };

/** One reconcile: the status it would write, given the previous one. */
function reconcile(
  previous: SessionStatus | undefined,
  now: number,
  decision: LifecycleDecision,
  observation: Observation,
  startupTimeoutMs = 5 * MIN,
): SessionStatus {
  return nextStatus({
    previous,
    generation: 1,
    now,
    inventory: [],
    url: URL,
    decision,
    observation,
    startupTimeoutMs,
  });
}

const condition = (status: SessionStatus, type: string) => findCondition(status.conditions, type);

describe("session phases", () => {
  it("a new session is Pending and Reconciling (Starting) until its pod is Ready, never Running before", () => {
    const first = reconcile(undefined, T0, running, progressing);
    expect(first.phase).toBe("Pending");
    expect(first.reason).toBe("Starting");
    expect(first.startedAt).toBe("2025-03-01T10:00:00Z");
    expect(first.readyAt).toBeUndefined();
    expect(condition(first, "Ready")).toMatchObject({ status: "False", reason: "Starting" });
    expect(condition(first, "Reconciling")).toMatchObject({ status: "True", reason: "Starting" });
    // Later passes keep the start time.
    const second = reconcile(first, T0 + 20 * SEC, running, progressing);
    expect(second.phase).toBe("Pending");
    expect(second.startedAt).toBe("2025-03-01T10:00:00Z");
  });

  it("Ready pod: Running, with readyAt set once, podName and url, Ready True and no Reconciling", () => {
    const pending = reconcile(undefined, T0, running, progressing);
    const up = reconcile(pending, T0 + 12_500, running, ready);
    expect(up).toMatchObject({
      phase: "Running",
      reason: "Ready",
      podName: "ss-alice-firefox-7d9f8-x2x4q",
      url: URL,
      startedAt: "2025-03-01T10:00:00Z",
      readyAt: "2025-03-01T10:00:12Z",
    });
    expect(condition(up, "Ready")).toMatchObject({ status: "True", reason: "Running" });
    expect(condition(up, "Reconciling")).toBeUndefined();
    expect(condition(up, "Stalled")).toBeUndefined();
    // An hour later, still ready: readyAt is not moved.
    expect(reconcile(up, T0 + 60 * MIN, running, ready).readyAt).toBe("2025-03-01T10:00:12Z");
  });

  it("waking after hibernation is Pending with reason Waking, on every pass until Ready", () => {
    const asleep: SessionStatus = {
      phase: "Hibernated",
      reason: "IdleTimeout",
      startedAt: "2025-03-01T09:00:00Z",
      readyAt: "2025-03-01T09:00:10Z",
      hibernatedAt: "2025-03-01T09:40:00Z",
    };
    const woken = reconcile(asleep, T0, { state: "running", reason: "Woken" }, progressing);
    expect(woken.phase).toBe("Pending");
    expect(woken.reason).toBe("Waking");
    expect(condition(woken, "Reconciling")).toMatchObject({ status: "True", reason: "Waking" });
    // The next pass decides plain "running" (the wake is done deciding); it is still waking.
    const stillWaking = reconcile(woken, T0 + 3 * SEC, running, progressing);
    expect(stillWaking.reason).toBe("Waking");
    expect(condition(stillWaking, "Reconciling")).toMatchObject({ status: "True", reason: "Waking" });
    // Ready again: a fresh readyAt (the idle clock restarts) and hibernatedAt is gone.
    const awake = reconcile(stillWaking, T0 + 9 * SEC, running, ready);
    expect(awake).toMatchObject({ phase: "Running", readyAt: "2025-03-01T10:00:09Z" });
    expect(awake.hibernatedAt).toBeUndefined();
  });

  it("not Ready after startupTimeout: Failed with the pod's reason, and Stalled", () => {
    const cause = { reason: "ImagePullBackOff", message: 'Back-off pulling image "lscr.io/nope:1"' };
    const stuck: Observation = { kind: "progressing", cause };
    const first = reconcile(undefined, T0, running, stuck);
    const before = reconcile(first, T0 + 5 * MIN - SEC, running, stuck);
    expect(before.phase).toBe("Pending");
    expect(before.message).toBe(`ImagePullBackOff: ${cause.message}`);
    expect(condition(before, "Stalled")).toBeUndefined();
    const failed = reconcile(before, T0 + 5 * MIN, running, stuck);
    expect(failed.phase).toBe("Failed");
    expect(failed.reason).toBe("ImagePullBackOff");
    expect(failed.message).toContain(cause.message);
    expect(condition(failed, "Stalled")).toMatchObject({ status: "True", reason: "ImagePullBackOff" });
    expect(condition(failed, "Ready")).toMatchObject({ status: "False", reason: "ImagePullBackOff" });
  });

  it("not Ready after startupTimeout with no visible cause: Failed, StartupTimeout", () => {
    const first = reconcile(undefined, T0, running, progressing, 2 * MIN);
    const failed = reconcile(first, T0 + 2 * MIN, running, progressing, 2 * MIN);
    expect(failed).toMatchObject({ phase: "Failed", reason: "StartupTimeout" });
  });

  it("startupTimeout 0 never fails a session", () => {
    const first = reconcile(undefined, T0, running, progressing, 0);
    expect(reconcile(first, T0 + 600 * MIN, running, progressing, 0).phase).toBe("Pending");
  });

  it("scaled to zero: Hibernated with hibernatedAt set once, no pod, Ready True", () => {
    const up = reconcile(reconcile(undefined, T0, running, progressing), T0 + 10 * SEC, running, ready);
    const idle: LifecycleDecision = { state: "hibernated", reason: "IdleTimeout" };
    const scaling = reconcile(up, T0 + 40 * MIN, idle, progressing);
    expect(scaling.phase).toBe("Running"); // still up while scaling down
    expect(condition(scaling, "Reconciling")).toMatchObject({ status: "True", reason: "Hibernating" });
    const asleep = reconcile(scaling, T0 + 40 * MIN + 3 * SEC, idle, { kind: "hibernated" });
    expect(asleep).toMatchObject({
      phase: "Hibernated",
      reason: "IdleTimeout",
      hibernatedAt: "2025-03-01T10:40:03Z",
    });
    expect(asleep.podName).toBeUndefined();
    expect(condition(asleep, "Ready")).toMatchObject({ status: "True", reason: "Hibernated" });
    expect(condition(asleep, "Reconciling")).toBeUndefined();
    expect(reconcile(asleep, T0 + 90 * MIN, idle, { kind: "hibernated" }).hibernatedAt).toBe(
      "2025-03-01T10:40:03Z",
    );
  });

  it("workload gone: Terminated, with the url and pod cleared", () => {
    const up = reconcile(reconcile(undefined, T0, running, progressing), T0 + 10 * SEC, running, ready);
    expect(up.url).toBe(URL);
    const expired: LifecycleDecision = { state: "terminated", reason: "MaxSessionDurationExceeded" };
    const gone = reconcile(up, T0 + 8 * 60 * MIN, expired, { kind: "terminated" });
    expect(gone.phase).toBe("Terminated");
    expect(gone.reason).toBe("MaxSessionDurationExceeded");
    expect(gone.url).toBeUndefined();
    expect(gone.podName).toBeUndefined();
    expect(condition(gone, "Ready")).toMatchObject({ status: "True", reason: "Terminated" });
  });
});
