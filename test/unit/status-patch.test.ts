/**
 * The status write: a JSON merge patch with only what changed, null for what is gone, and nothing at
 * all (undefined) when the status is the same — including when the API server has handed it back
 * with its keys in another order.
 */
import { describe, expect, it } from "vitest";
import { statusPatch } from "../../src/apply/status-patch.js";

const ready = {
  type: "Ready",
  status: "True",
  reason: "Running",
  message: "the app is ready",
  lastTransitionTime: "2025-03-01T10:00:12Z",
};

const previous = {
  phase: "Running",
  reason: "Ready",
  url: "https://ss-alice-firefox.sessions.example.com/",
  podName: "ss-alice-firefox-7d9f8-x2x4q",
  readyAt: "2025-03-01T10:00:12Z",
  observedGeneration: 1,
  conditions: [ready],
};

describe("statusPatch", () => {
  it("equal: undefined, so the controller writes nothing", () => {
    expect(statusPatch(previous, structuredClone(previous))).toBeUndefined();
  });

  it("equal except for key order, as the API server returns objects: still nothing to write", () => {
    const fromServer = {
      conditions: [
        {
          lastTransitionTime: ready.lastTransitionTime,
          message: ready.message,
          reason: ready.reason,
          status: ready.status,
          type: ready.type,
        },
      ],
      observedGeneration: 1,
      phase: "Running",
      podName: previous.podName,
      readyAt: previous.readyAt,
      reason: "Ready",
      url: previous.url,
    };
    expect(statusPatch(fromServer, previous)).toBeUndefined();
    // Array order is meaningful, though.
    const two = { conditions: [ready, { ...ready, type: "Stalled" }] };
    expect(statusPatch(two, { conditions: [...two.conditions].reverse() })).toBeDefined();
  });

  it("only changed keys are sent, each in full", () => {
    const next = { ...previous, observedGeneration: 2, conditions: [{ ...ready, observedGeneration: 2 }] };
    expect(statusPatch(previous, next)).toEqual({
      observedGeneration: 2,
      conditions: [{ ...ready, observedGeneration: 2 }],
    });
  });

  it("keys that disappear (or become undefined) are sent as null, so the merge patch removes them", () => {
    const { podName: _pod, ...rest } = previous;
    const next = { ...rest, phase: "Terminated", url: undefined };
    expect(statusPatch(previous, next)).toEqual({ phase: "Terminated", url: null, podName: null });
  });

  it("keys that were never there and still are not are not mentioned", () => {
    expect(statusPatch({ phase: "Pending" }, { phase: "Pending", url: undefined })).toBeUndefined();
  });

  it("no previous status: everything is sent", () => {
    expect(statusPatch(undefined, { phase: "Pending", observedGeneration: 1 })).toEqual({
      phase: "Pending",
      observedGeneration: 1,
    });
  });

  it("a nested change sends the whole nested value", () => {
    const before = { resourceUsage: { cpu: "250m", memory: "1Gi" } };
    const after = { resourceUsage: { cpu: "300m", memory: "1Gi" } };
    expect(statusPatch(before, after)).toEqual({ resourceUsage: { cpu: "300m", memory: "1Gi" } });
  });
});
