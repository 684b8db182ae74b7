/**
 * kstatus conditions that tools (kubectl wait, Argo CD, Flux) can trust, and no needless writes: an
 * unchanged situation yields the same status, so the controller sends nothing; lastTransitionTime
 * moves only when a condition's status does; observedGeneration follows the spec's generation.
 */
import { describe, expect, it } from "vitest";
import { findCondition } from "../../src/api/conditions.js";
import type { ObjectRef, SessionStatus } from "../../src/api/generated/types.js";
import { statusPatch } from "../../src/apply/status-patch.js";
import type { Observation } from "../../src/controllers/session/health.js";
import type { LifecycleDecision } from "../../src/controllers/session/lifecycle.js";
import { nextStatus } from "../../src/controllers/session/status.js";

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.parse("2025-03-01T10:00:00Z");
const running: LifecycleDecision = { state: "running", reason: "Requested" };
const progressing: Observation = { kind: "progressing" };
const ready: Observation = { kind: "ready", podName: "ss-alice-firefox-7d9f8-x2x4q" };
const inventory: ObjectRef[] = [
  { apiVersion: "apps/v1", kind: "Deployment", namespace: "streamspace", name: "ss-alice-firefox" },
  { apiVersion: "v1", kind: "Service", namespace: "streamspace", name: "ss-alice-firefox" },
];

function reconcile(
  previous: SessionStatus | undefined,
  now: number,
  observation: Observation,
  options: { decision?: LifecycleDecision; generation?: number } = {},
): SessionStatus {
  return nextStatus({
    previous,
    generation: options.generation ?? 1,
    now,
    inventory,
    url: "https://ss-alice-firefox.sessions.example.com/",
    decision: options.decision ?? running,
    observation,
    startupTimeoutMs: 5 * MIN,
  });
}

/** The status as the controller reads it back: JSON from the API server, object keys sorted (Go maps). */
function fromServer(status: SessionStatus): SessionStatus {
  const sort = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sort)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sort((value as Record<string, unknown>)[k])]),
          )
        : value;
  return sort(JSON.parse(JSON.stringify(status))) as SessionStatus;
}

const condition = (status: SessionStatus, type: string) => findCondition(status.conditions, type);

describe("status conditions and writes", () => {
  it("an unchanged situation gives an identical status, so nothing is written", () => {
    const pending = reconcile(undefined, T0, progressing);
    const up = fromServer(reconcile(fromServer(pending), T0 + 10 * SEC, ready));
    const later = reconcile(up, T0 + 30 * MIN, ready);
    expect(later).toEqual(up);
    expect(statusPatch(up, later)).toBeUndefined();
    // Still starting, 30 seconds on: same status, no write either.
    const still = reconcile(fromServer(pending), T0 + 30 * SEC, progressing);
    expect(statusPatch(fromServer(pending), still)).toBeUndefined();
  });

  it("lastTransitionTime stays while a condition keeps its status, and moves when it flips", () => {
    const pending = reconcile(undefined, T0, progressing);
    expect(condition(pending, "Ready")?.lastTransitionTime).toBe("2025-03-01T10:00:00Z");
    // The pull fails: Ready is still False (another reason and message), so the time is kept.
    const pulling = reconcile(pending, T0 + 20 * SEC, {
      kind: "progressing",
      cause: { reason: "ImagePullBackOff", message: "Back-off pulling image" },
    });
    expect(condition(pulling, "Ready")?.message).toContain("ImagePullBackOff");
    expect(condition(pulling, "Ready")?.lastTransitionTime).toBe("2025-03-01T10:00:00Z");
    expect(condition(pulling, "Reconciling")?.lastTransitionTime).toBe("2025-03-01T10:00:00Z");
    // Ready flips to True: its time moves.
    const up = reconcile(pulling, T0 + 50 * SEC, ready);
    expect(condition(up, "Ready")).toMatchObject({
      status: "True",
      lastTransitionTime: "2025-03-01T10:00:50Z",
    });
  });

  it("observedGeneration follows metadata.generation, in status and in each condition", () => {
    const up = reconcile(reconcile(undefined, T0, progressing), T0 + 10 * SEC, ready);
    expect(up.observedGeneration).toBe(1);
    expect(condition(up, "Ready")?.observedGeneration).toBe(1);
    // The user edits the spec (generation 2); nothing else changes.
    const edited = reconcile(up, T0 + 20 * SEC, ready, { generation: 2 });
    expect(edited.observedGeneration).toBe(2);
    expect(condition(edited, "Ready")).toMatchObject({
      observedGeneration: 2,
      lastTransitionTime: condition(up, "Ready")?.lastTransitionTime,
    });
    expect(statusPatch(up, edited)).toMatchObject({ observedGeneration: 2 });
  });

  it("IdleWarning appears with the time it will hibernate, and disappears once the user is back", () => {
    const up = reconcile(reconcile(undefined, T0, progressing), T0 + 10 * SEC, ready);
    expect(condition(up, "IdleWarning")).toBeUndefined();
    const idle: LifecycleDecision = {
      state: "running",
      reason: "Requested",
      idleWarning: { idleSince: T0 + 10 * SEC, hibernateAt: T0 + 30 * MIN + 10 * SEC },
    };
    const warned = reconcile(up, T0 + 25 * MIN + 10 * SEC, ready, { decision: idle });
    expect(warned.phase).toBe("Running");
    expect(condition(warned, "IdleWarning")).toMatchObject({
      status: "True",
      reason: "Idle",
      lastTransitionTime: "2025-03-01T10:25:10Z",
    });
    expect(condition(warned, "IdleWarning")?.message).toContain("hibernates at 2025-03-01T10:30:10Z");
    expect(statusPatch(up, warned)).toEqual({ conditions: warned.conditions });
    const back = reconcile(warned, T0 + 27 * MIN, ready);
    expect(condition(back, "IdleWarning")).toBeUndefined();
    expect(back.conditions).toEqual(up.conditions);
  });
});
