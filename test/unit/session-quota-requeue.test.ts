/**
 * Which of a user's other sessions a change re-admits: only those asking to run without a slot, so a
 * user with many running sessions does not cost a reconcile of each one on every change.
 */
import { expect, test } from "vitest";
import type { Session, SessionStatus } from "../../src/api/generated/types.js";
import { awaitsAdmission } from "../../src/controllers/session/quota.js";

function session(state: Session["spec"]["state"], status?: SessionStatus): Session {
  return {
    metadata: { name: "s", namespace: "streamspace" },
    spec: { user: "alice", template: "firefox", ...(state ? { state } : {}) },
    ...(status ? { status } : {}),
  };
}

const started = "2025-03-01T09:00:00Z";

test("a new session, or one refused by its quota, awaits admission", () => {
  expect(awaitsAdmission(session(undefined))).toBe(true);
  expect(awaitsAdmission(session("running", { phase: "Pending" }))).toBe(true);
  expect(
    awaitsAdmission(session("running", { phase: "Pending", startedAt: started, reason: "QuotaExceeded" })),
  ).toBe(true);
});

test("a started session holds its slot, and a hibernated or terminated one asks for none", () => {
  expect(awaitsAdmission(session("running", { phase: "Running", startedAt: started }))).toBe(false);
  expect(awaitsAdmission(session("running", { phase: "Pending", startedAt: started }))).toBe(false);
  expect(awaitsAdmission(session("hibernated", { phase: "Hibernated" }))).toBe(false);
  expect(awaitsAdmission(session("terminated", { phase: "Terminated" }))).toBe(false);
});
