/**
 * Waking: a Session hibernated for being idle wakes when its user comes back (the API sets the
 * last-activity annotation), unless autoStart is off; one hibernated on request stays hibernated.
 */
import { describe, expect, it } from "vitest";
import type { Session, SessionSpec, SessionStatus } from "../../src/api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION } from "../../src/api/labels.js";
import { decideLifecycle } from "../../src/controllers/session/lifecycle.js";
import { makeSession } from "./fixtures/session-fixtures.js";

const MIN = 60_000;
const T0 = Date.parse("2025-03-01T10:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
// No platform maximums here: session-lifecycle-platform-maximums.test.ts covers them.
const platform = {
  idleTimeout: "30m",
  idleWarning: "5m",
  maximums: { idleTimeout: "0", maxSessionDuration: "0" },
};

/** Started 10:00, ready 10:01, last used 10:10, hibernated for idleness at 10:40. */
const idleHibernated: SessionStatus = {
  phase: "Hibernated",
  reason: "IdleTimeout",
  startedAt: at(0),
  readyAt: at(1),
  lastActivity: at(10),
  hibernatedAt: at(40),
};

function session(spec: Partial<SessionSpec>, status: SessionStatus, lastActivity?: string): Session {
  const base = makeSession({ spec });
  return {
    ...base,
    metadata: {
      ...base.metadata,
      ...(lastActivity ? { annotations: { [LAST_ACTIVITY_ANNOTATION]: lastActivity } } : {}),
    },
    status,
  };
}

describe("waking an idle-hibernated session", () => {
  it("stays hibernated (IdleTimeout) as long as there is no new activity", () => {
    const asleep = session({}, idleHibernated);
    for (const minutes of [41, 90, 300]) {
      expect(decideLifecycle(asleep, platform, T0 + minutes * MIN)).toMatchObject({
        state: "hibernated",
        reason: "IdleTimeout",
      });
    }
  });

  it("activity from before it was hibernated does not wake it", () => {
    const stale = session({}, idleHibernated, at(39));
    expect(decideLifecycle(stale, platform, T0 + 60 * MIN).state).toBe("hibernated");
  });

  it("a last-activity annotation newer than hibernatedAt wakes it, with reason Woken", () => {
    const connected = session({}, idleHibernated, at(120));
    expect(decideLifecycle(connected, platform, T0 + 120 * MIN)).toMatchObject({
      state: "running",
      reason: "Woken",
    });
  });

  it("autoStart false: a connect does not wake it", () => {
    const connected = session({ autoStart: false }, idleHibernated, at(120));
    expect(decideLifecycle(connected, platform, T0 + 120 * MIN)).toMatchObject({
      state: "hibernated",
      reason: "IdleTimeout",
    });
  });

  it("spec.state hibernated is Requested, and activity never wakes it", () => {
    const requested: SessionStatus = {
      phase: "Hibernated",
      reason: "Requested",
      startedAt: at(0),
      readyAt: at(1),
      hibernatedAt: at(20),
    };
    const asked = session({ state: "hibernated" }, requested, at(120));
    expect(decideLifecycle(asked, platform, T0 + 120 * MIN)).toMatchObject({
      state: "hibernated",
      reason: "Requested",
    });
    // Even when it had been hibernated for idleness first: the user's wish wins, and is Requested.
    const idleThenAsked = session({ state: "hibernated" }, idleHibernated, at(120));
    expect(decideLifecycle(idleThenAsked, platform, T0 + 120 * MIN)).toMatchObject({
      state: "hibernated",
      reason: "Requested",
    });
  });
});
