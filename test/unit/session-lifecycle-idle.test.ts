/**
 * Idle hibernation: a running Session with no sign of life for idleTimeout is hibernated, after a
 * warning window, and the controller knows when to look again without polling.
 */
import { describe, expect, it } from "vitest";
import type { Session, SessionSpec, SessionStatus } from "../../src/api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION } from "../../src/api/labels.js";
import { decideLifecycle } from "../../src/controllers/session/lifecycle.js";
import { makeSession } from "./fixtures/session-fixtures.js";

const MIN = 60_000;
/** Started at 10:00, ready at 10:01. Times below are relative to T0 = 10:00:00Z. */
const T0 = Date.parse("2025-03-01T10:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
// No platform maximums here: session-lifecycle-platform-maximums.test.ts covers them.
const platform = {
  idleTimeout: "30m",
  idleWarning: "5m",
  maximums: { idleTimeout: "0", maxSessionDuration: "0" },
};

function runningSession(
  options: { spec?: Partial<SessionSpec>; status?: SessionStatus; annotations?: Record<string, string> } = {},
): Session {
  const base = makeSession({ spec: options.spec ?? {} });
  return {
    ...base,
    metadata: { ...base.metadata, ...(options.annotations ? { annotations: options.annotations } : {}) },
    status: options.status ?? { phase: "Running", startedAt: at(0), readyAt: at(1) },
  };
}

describe("idle hibernation", () => {
  it("a session with no activity yet (never ready, nothing reported) is never idle", () => {
    // It failed to start at 10:05 and nobody has used it: hours later it is still not "idle".
    const session = runningSession({
      status: { phase: "Failed", startedAt: at(0), reason: "ImagePullBackOff" },
    });
    const decision = decideLifecycle(session, platform, T0 + 7 * 60 * MIN);
    expect(decision.state).toBe("running");
    expect(decision.reason).toBe("Requested");
    expect(decision.idleWarning).toBeUndefined();
    // The only deadline left is maxSessionDuration (8h by default) after it started.
    expect(decision.nextCheckAt).toBe(T0 + 8 * 60 * MIN);
  });

  it("activity older than idleTimeout hibernates it with reason IdleTimeout", () => {
    const session = runningSession({ status: { phase: "Running", startedAt: at(0), lastActivity: at(10) } });
    // Last activity 10:10, idleTimeout 30m: still running just before 10:40, hibernated from 10:40.
    expect(decideLifecycle(session, platform, T0 + 40 * MIN - 1).state).toBe("running");
    expect(decideLifecycle(session, platform, T0 + 40 * MIN)).toMatchObject({
      state: "hibernated",
      reason: "IdleTimeout",
    });
  });

  it("the most recent of status.lastActivity, the last-activity annotation and readyAt counts", () => {
    const session = runningSession({
      status: { phase: "Running", startedAt: at(0), readyAt: at(1), lastActivity: at(5) },
      annotations: { [LAST_ACTIVITY_ANNOTATION]: at(20) },
    });
    // Idle since 10:20 (the annotation), so 10:45 is not yet 30 minutes idle.
    expect(decideLifecycle(session, platform, T0 + 45 * MIN).state).toBe("running");
    expect(decideLifecycle(session, platform, T0 + 50 * MIN).state).toBe("hibernated");
  });

  it("within the warning window it warns, with the exact time it will hibernate", () => {
    const session = runningSession({ status: { phase: "Running", startedAt: at(0), lastActivity: at(10) } });
    const hibernateAt = T0 + 40 * MIN;
    expect(decideLifecycle(session, platform, hibernateAt - 5 * MIN - 1).idleWarning).toBeUndefined();
    const warned = decideLifecycle(session, platform, hibernateAt - 5 * MIN);
    expect(warned.state).toBe("running");
    expect(warned.idleWarning).toEqual({ idleSince: T0 + 10 * MIN, hibernateAt });
  });

  it("nextCheckAt is the warning time first, then the hibernation deadline", () => {
    const session = runningSession({ status: { phase: "Running", startedAt: at(0), lastActivity: at(10) } });
    expect(decideLifecycle(session, platform, T0 + 12 * MIN).nextCheckAt).toBe(T0 + 35 * MIN);
    expect(decideLifecycle(session, platform, T0 + 36 * MIN).nextCheckAt).toBe(T0 + 40 * MIN);
  });

  it('idleTimeout "0" disables idle hibernation, whether set by the platform or the session', () => {
    const idle = { phase: "Running" as const, startedAt: at(0), lastActivity: at(1) };
    const later = T0 + 7 * 60 * MIN;
    const platformOff = decideLifecycle(
      runningSession({ status: idle }),
      { ...platform, idleTimeout: "0" },
      later,
    );
    expect(platformOff).toMatchObject({ state: "running", reason: "Requested" });
    expect(platformOff.idleWarning).toBeUndefined();
    const sessionOff = decideLifecycle(
      runningSession({ spec: { idleTimeout: "0" }, status: idle }),
      platform,
      later,
    );
    expect(sessionOff).toMatchObject({ state: "running", reason: "Requested" });
  });

  it("a session's own idleTimeout beats the platform's, both longer and shorter", () => {
    const status = { phase: "Running" as const, startedAt: at(0), lastActivity: at(0) };
    const longer = runningSession({ spec: { idleTimeout: "2h" }, status });
    expect(decideLifecycle(longer, platform, T0 + 90 * MIN).state).toBe("running");
    expect(decideLifecycle(longer, platform, T0 + 120 * MIN).state).toBe("hibernated");
    const shorter = runningSession({ spec: { idleTimeout: "10m" }, status });
    expect(decideLifecycle(shorter, platform, T0 + 10 * MIN)).toMatchObject({
      state: "hibernated",
      reason: "IdleTimeout",
    });
  });

  it("a session started again after a requested hibernation is not idle-hibernated on its stale activity", () => {
    // Hibernated on request at 10:30 (ready at 10:01); at 15:00 spec.state is set back to running.
    const session = runningSession({
      spec: { state: "running" },
      status: {
        phase: "Hibernated",
        reason: "Requested",
        startedAt: at(0),
        readyAt: at(1),
        hibernatedAt: at(30),
      },
    });
    const now = T0 + 5 * 60 * MIN;
    expect(decideLifecycle(session, platform, now)).toMatchObject({ state: "running", reason: "Requested" });
    // And while it is starting again (phase Pending), still not idle.
    const starting = {
      ...session,
      status: { ...session.status, phase: "Pending" as const, reason: "Waking" },
    };
    expect(decideLifecycle(starting, platform, now + MIN).state).toBe("running");
  });
});
