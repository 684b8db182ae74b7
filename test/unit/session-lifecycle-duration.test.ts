/**
 * maxSessionDuration: a Session is terminated that long after it started, and stays terminated even
 * though its spec (kept in git, say) still asks for running; the decision lives in status.
 */
import { describe, expect, it } from "vitest";
import type { Session, SessionSpec, SessionStatus } from "../../src/api/generated/types.js";
import { decideLifecycle } from "../../src/controllers/session/lifecycle.js";
import { makeSession } from "./fixtures/session-fixtures.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse("2025-03-01T08:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
/** Idle hibernation off, so only the duration limit is at play. */
// No platform maximums here: session-lifecycle-platform-maximums.test.ts covers them.
const platform = {
  idleTimeout: "0",
  idleWarning: "5m",
  maximums: { idleTimeout: "0", maxSessionDuration: "0" },
};

function session(spec: Partial<SessionSpec>, status?: SessionStatus): Session {
  return { ...makeSession({ spec }), ...(status ? { status } : {}) };
}

const running: SessionStatus = { phase: "Running", startedAt: at(0), readyAt: at(1), lastActivity: at(1) };

describe("maxSessionDuration", () => {
  it("is 8h by default: running just before, terminated from startedAt + 8h", () => {
    const s = session({}, running);
    const before = decideLifecycle(s, platform, T0 + 8 * HOUR - 1);
    expect(before).toMatchObject({ state: "running", reason: "Requested" });
    expect(before.nextCheckAt).toBe(T0 + 8 * HOUR);
    expect(decideLifecycle(s, platform, T0 + 8 * HOUR)).toEqual({
      state: "terminated",
      reason: "MaxSessionDurationExceeded",
    });
  });

  it("a session's own maxSessionDuration applies", () => {
    const s = session({ maxSessionDuration: "1h30m" }, running);
    expect(decideLifecycle(s, platform, T0 + 90 * MIN - 1).state).toBe("running");
    expect(decideLifecycle(s, platform, T0 + 90 * MIN)).toMatchObject({
      state: "terminated",
      reason: "MaxSessionDurationExceeded",
    });
  });

  it("a hibernated session is terminated too when its time is up", () => {
    const s = session(
      { state: "hibernated", maxSessionDuration: "2h" },
      { phase: "Hibernated", reason: "Requested", startedAt: at(0), hibernatedAt: at(30) },
    );
    expect(decideLifecycle(s, platform, T0 + HOUR)).toMatchObject({
      state: "hibernated",
      reason: "Requested",
    });
    expect(decideLifecycle(s, platform, T0 + 2 * HOUR)).toMatchObject({
      state: "terminated",
      reason: "MaxSessionDurationExceeded",
    });
  });

  it("stays terminated (remembered in status) although spec.state is still running", () => {
    // After termination status keeps phase Terminated with the reason; nothing reset startedAt.
    const terminated: SessionStatus = {
      phase: "Terminated",
      reason: "MaxSessionDurationExceeded",
      startedAt: at(0),
    };
    const s = session({ state: "running", maxSessionDuration: "1h" }, terminated);
    expect(decideLifecycle(s, platform, T0 + 2 * HOUR)).toMatchObject({
      state: "terminated",
      reason: "MaxSessionDurationExceeded",
    });
    // Even if startedAt were gone or the limit raised afterwards: the decision is sticky.
    const raised = session(
      { state: "running", maxSessionDuration: "24h" },
      { phase: "Terminated", reason: "MaxSessionDurationExceeded" },
    );
    expect(decideLifecycle(raised, platform, T0 + 2 * HOUR)).toMatchObject({
      state: "terminated",
      reason: "MaxSessionDurationExceeded",
    });
  });

  it('maxSessionDuration "0" disables the limit', () => {
    const s = session({ maxSessionDuration: "0" }, running);
    const decision = decideLifecycle(s, platform, T0 + 1000 * HOUR);
    expect(decision).toMatchObject({ state: "running", reason: "Requested" });
    expect(decision.nextCheckAt).toBeUndefined();
  });

  it("spec.state terminated is terminated with reason Requested, whatever the time", () => {
    const s = session({ state: "terminated" }, running);
    expect(decideLifecycle(s, platform, T0 + MIN)).toEqual({ state: "terminated", reason: "Requested" });
    expect(decideLifecycle(s, platform, T0 + 9 * HOUR)).toEqual({ state: "terminated", reason: "Requested" });
  });
});
