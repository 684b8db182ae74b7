/**
 * Blockers: a missing or invalid Template, or an exceeded Quota, stop a Session until someone acts.
 * The status says so plainly (Ready False, Stalled True, with the message) without pretending the
 * session is gone: one already Running stays in phase Running while blocked.
 */
import { describe, expect, it } from "vitest";
import { findCondition } from "../../src/api/conditions.js";
import type { SessionStatus } from "../../src/api/generated/types.js";
import { type Blocker, nextStatus } from "../../src/controllers/session/status.js";

const T0 = Date.parse("2025-03-01T10:00:00Z");
const notFound: Blocker = {
  reason: "TemplateNotFound",
  message: "Template firefx does not exist in namespace streamspace; create it or fix spec.template",
};
const overQuota: Blocker = {
  reason: "QuotaExceeded",
  message: "not started: 2 running sessions would exceed the limit maxRunningSessions=1 of Quota default",
};

function blocked(previous: SessionStatus | undefined, blocker: Blocker, now = T0): SessionStatus {
  return nextStatus({ previous, generation: 3, now, inventory: [], blocker });
}

const condition = (status: SessionStatus, type: string) => findCondition(status.conditions, type);

/** A session that has been Running since 09:00. */
const runningStatus: SessionStatus = {
  phase: "Running",
  reason: "Ready",
  message: "the app is ready",
  url: "https://ss-alice-firefox.sessions.example.com/",
  podName: "ss-alice-firefox-7d9f8-x2x4q",
  startedAt: "2025-03-01T08:59:50Z",
  readyAt: "2025-03-01T09:00:00Z",
  observedGeneration: 2,
  conditions: [
    {
      type: "Ready",
      status: "True",
      reason: "Running",
      message: "the app is ready",
      lastTransitionTime: "2025-03-01T09:00:00Z",
      observedGeneration: 2,
    },
  ],
};

describe("blocked sessions", () => {
  for (const blocker of [notFound, overQuota]) {
    it(`${blocker.reason}: Pending, Ready False and Stalled True, both with the message`, () => {
      const status = blocked(undefined, blocker);
      expect(status).toMatchObject({ phase: "Pending", reason: blocker.reason, message: blocker.message });
      expect(condition(status, "Ready")).toMatchObject({
        status: "False",
        reason: blocker.reason,
        message: blocker.message,
      });
      expect(condition(status, "Stalled")).toMatchObject({
        status: "True",
        reason: blocker.reason,
        message: blocker.message,
      });
      expect(condition(status, "Reconciling")).toBeUndefined();
      expect(status.observedGeneration).toBe(3);
    });
  }

  it("TemplateInvalid is reported the same way", () => {
    const invalid: Blocker = {
      reason: "TemplateInvalid",
      message: "Template firefox is invalid: spec.vnc is required for appType desktop",
    };
    const status = blocked(undefined, invalid);
    expect(condition(status, "Stalled")).toMatchObject({ status: "True", reason: "TemplateInvalid" });
    expect(status.message).toBe(invalid.message);
  });

  it("a Running session that becomes blocked stays in phase Running, and keeps its url and pod", () => {
    const status = blocked(runningStatus, notFound, T0 + 60_000);
    expect(status.phase).toBe("Running");
    expect(status).toMatchObject({
      reason: "TemplateNotFound",
      url: runningStatus.url,
      podName: runningStatus.podName,
      readyAt: runningStatus.readyAt,
    });
    expect(condition(status, "Ready")).toMatchObject({
      status: "False",
      reason: "TemplateNotFound",
      lastTransitionTime: "2025-03-01T10:01:00Z",
    });
    expect(condition(status, "Stalled")?.status).toBe("True");
  });

  it("a previously starting session (Reconciling True) is Stalled instead, no longer Reconciling", () => {
    const starting = nextStatus({
      previous: undefined,
      generation: 3,
      now: T0,
      inventory: [],
      decision: { state: "running", reason: "Requested" },
      observation: { kind: "progressing" },
    });
    expect(condition(starting, "Reconciling")?.status).toBe("True");
    const status = blocked(starting, overQuota, T0 + 1000);
    expect(status.phase).toBe("Pending");
    expect(condition(status, "Reconciling")).toBeUndefined();
    expect(condition(status, "Stalled")?.status).toBe("True");
  });
});
