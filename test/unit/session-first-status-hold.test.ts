/**
 * A new Session's first status waits up to FIRST_STATUS_HOLD_MS for its pod, so a fast start is told once
 * (Running) rather than twice (Pending, then Running); a blocker is written at once.
 */
import { describe, expect, it } from "vitest";
import { FIRST_STATUS_HOLD_MS, firstStatusHold } from "../../src/controllers/session/first-status.js";
import type { Observation } from "../../src/controllers/session/health.js";

const CREATED = Date.parse("2025-03-01T10:00:00Z");
const progressing: Observation = { kind: "progressing" };
const base = { previous: undefined, createdAt: CREATED, observation: progressing, blocked: false };

describe("a new Session's first status", () => {
  it("waits for the rest of the hold while the pod is merely starting", () => {
    expect(firstStatusHold({ ...base, now: CREATED + 300 })).toBe(FIRST_STATUS_HOLD_MS - 300);
  });

  it("is written once the hold has passed", () => {
    expect(firstStatusHold({ ...base, now: CREATED + FIRST_STATUS_HOLD_MS })).toBeUndefined();
  });

  it("never waits longer than the hold at a time, even with a clock behind the API server's", () => {
    expect(firstStatusHold({ ...base, now: CREATED - 60_000 })).toBe(FIRST_STATUS_HOLD_MS);
  });

  it("waits too while the pod has a problem, which is often passing (a home volume not bound yet)", () => {
    const unbound: Observation = {
      kind: "progressing",
      cause: { reason: "Unschedulable", message: "pod has unbound immediate PersistentVolumeClaims" },
    };
    expect(firstStatusHold({ ...base, observation: unbound, now: CREATED + 100 })).toBe(
      FIRST_STATUS_HOLD_MS - 100,
    );
  });

  it("is written at once when the pod is Ready or the Session is blocked", () => {
    const now = CREATED + 100;
    expect(firstStatusHold({ ...base, observation: { kind: "ready", podName: "p" }, now })).toBeUndefined();
    expect(firstStatusHold({ ...base, blocked: true, now })).toBeUndefined();
  });

  it("does not hold back a Session that already has a status, or has no creation time", () => {
    const now = CREATED + 100;
    expect(firstStatusHold({ ...base, previous: { phase: "Hibernated" }, now })).toBeUndefined();
    expect(firstStatusHold({ ...base, createdAt: undefined, now })).toBeUndefined();
  });
});
