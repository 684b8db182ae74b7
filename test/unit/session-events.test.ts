/** Which status changes become Events: a Session's event list should read as its history, without noise. */
import { expect, test } from "vitest";
import type { SessionStatus } from "../../src/api/generated/types.js";
import { sessionEvents } from "../../src/controllers/session/events.js";

const starting: SessionStatus = { phase: "Pending", reason: "Starting", message: "starting" };
const ready: SessionStatus = { phase: "Running", reason: "Ready", message: "the app is ready" };

test("a new phase or reason is one Event, named after what happened", () => {
  expect(sessionEvents(starting, ready)).toEqual([
    { type: "Normal", reason: "Ready", action: "Reconcile", note: "the app is ready" },
  ]);
  expect(
    sessionEvents(ready, { phase: "Hibernated", reason: "IdleTimeout", message: "idle for 30m" }),
  ).toEqual([{ type: "Normal", reason: "Hibernated", action: "Reconcile", note: "idle for 30m" }]);
});

test("problems are Warnings: a failed start, a missing Template, a quota", () => {
  const failed = { phase: "Failed", reason: "ImagePullBackOff", message: "not ready" } as const;
  expect(sessionEvents(starting, failed)[0]).toMatchObject({ type: "Warning", reason: "ImagePullBackOff" });
  const quota = { phase: "Pending", reason: "QuotaExceeded", message: "not started" } as const;
  expect(sessionEvents(undefined, quota)[0]).toMatchObject({ type: "Warning", reason: "QuotaExceeded" });
});

test("a new Session starting is not told: its creation is the news", () => {
  expect(sessionEvents(undefined, starting)).toEqual([]);
  expect(sessionEvents(undefined, ready)).toEqual([
    { type: "Normal", reason: "Ready", action: "Reconcile", note: "the app is ready" },
  ]);
});

test("progress within a phase, such as a new message, makes no Event", () => {
  expect(sessionEvents(starting, { ...starting, message: "ErrImagePull: pulling" })).toEqual([]);
  expect(sessionEvents(ready, { ...ready, url: "https://s1.example.com/" })).toEqual([]);
});

test("an idle warning is told once, when it appears", () => {
  const idle: SessionStatus = {
    ...ready,
    conditions: [
      {
        type: "IdleWarning",
        status: "True",
        reason: "Idle",
        message: "hibernates at 10:30",
        lastTransitionTime: "2025-03-01T10:00:00Z",
      },
    ],
  };
  expect(sessionEvents(ready, idle)).toEqual([
    { type: "Warning", reason: "Idle", action: "Reconcile", note: "hibernates at 10:30" },
  ]);
  expect(sessionEvents(idle, idle)).toEqual([]);
});
