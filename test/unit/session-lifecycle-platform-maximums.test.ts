/**
 * The platform's maximums hold whatever a Session asks for: maxSessionDuration and idleTimeout of "0"
 * (never) or longer than the maximum get the maximum, and a last-activity time in the future is no
 * sign of life, so no one keeps a session from expiring or idling by writing one.
 */
import { expect, test } from "vitest";
import type { Session, SessionSpec } from "../../src/api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION } from "../../src/api/labels.js";
import { decideLifecycle } from "../../src/controllers/session/lifecycle.js";
import { makeSession } from "./fixtures/session-fixtures.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2025-03-01T10:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const platform = {
  idleTimeout: "30m",
  idleWarning: "5m",
  maximums: { idleTimeout: "2h", maxSessionDuration: "12h" },
};

function running(spec: Partial<SessionSpec>, annotations?: Record<string, string>): Session {
  const base = makeSession({ spec });
  return {
    ...base,
    metadata: { ...base.metadata, ...(annotations ? { annotations } : {}) },
    status: { phase: "Running", startedAt: at(0), readyAt: at(0), lastActivity: at(0) },
  };
}

test('maxSessionDuration "0" or longer than the maximum ends the session at the maximum', () => {
  for (const asked of ["0", "100h"]) {
    const session = running({ maxSessionDuration: asked, idleTimeout: "2h" });
    // Active all along: only the duration limit can end it.
    session.metadata = {
      ...session.metadata,
      annotations: { [LAST_ACTIVITY_ANNOTATION]: at(12 * HOUR - 1) },
    };
    expect(decideLifecycle(session, platform, T0 + 12 * HOUR - 1).state, asked).toBe("running");
    expect(decideLifecycle(session, platform, T0 + 12 * HOUR), asked).toMatchObject({
      state: "terminated",
      reason: "MaxSessionDurationExceeded",
    });
  }
});

test('idleTimeout "0" or longer than the maximum hibernates the session after the maximum', () => {
  for (const asked of ["0", "5h"]) {
    const session = running({ idleTimeout: asked });
    expect(decideLifecycle(session, platform, T0 + 2 * HOUR - 1).state, asked).toBe("running");
    expect(decideLifecycle(session, platform, T0 + 2 * HOUR), asked).toMatchObject({
      state: "hibernated",
      reason: "IdleTimeout",
    });
  }
});

test("a shorter value than the maximum is the session's own to choose", () => {
  const session = running({ idleTimeout: "10m", maxSessionDuration: "1h" });
  expect(decideLifecycle(session, platform, T0 + 10 * 60_000).state).toBe("hibernated");
});

test("a last-activity annotation years ahead does not keep an idle session running", () => {
  const session = running({ idleTimeout: "1h" }, { [LAST_ACTIVITY_ANNOTATION]: "2099-01-01T00:00:00Z" });
  expect(decideLifecycle(session, platform, T0 + HOUR)).toMatchObject({
    state: "hibernated",
    reason: "IdleTimeout",
  });
});

test("a platform maximum of 0 sets none: the session's own 0 then disables the limit", () => {
  const unlimited = { ...platform, maximums: { idleTimeout: "0", maxSessionDuration: "0" } };
  const session = running({ idleTimeout: "0", maxSessionDuration: "0" });
  expect(decideLifecycle(session, unlimited, T0 + 100 * HOUR)).toMatchObject({ state: "running" });
});
