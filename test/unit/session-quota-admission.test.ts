/**
 * Admission: whether one of a user's sessions may run under their limits. The newest session is the
 * one refused, the message says which limit of which Quota, a running session is never stopped by a
 * lowered Quota, and every session of the user gets the same, deterministic answer.
 */
import { describe, expect, it } from "vitest";
import type { Quota } from "../../src/api/generated/types.js";
import { parseQuantity } from "../../src/api/quantity.js";
import { admit, type Claim, type Limits, limitsFor } from "../../src/controllers/session/quota.js";

const ALICE = "alice@example.com";

function limits(values: Limits, name = "alice-quota") {
  const quota: Quota = {
    metadata: { name, namespace: "streamspace" },
    spec: { user: ALICE, limits: values },
  };
  return limitsFor(ALICE, [quota]);
}

/** A session created on day `day` of March, running with 1 CPU and 2Gi unless told otherwise. */
function claim(
  name: string,
  day: number,
  options: {
    state?: Claim["state"];
    holdsSlot?: boolean;
    cpu?: string;
    memory?: string;
    storage?: string;
  } = {},
): Claim {
  return {
    name,
    createdAt: `2025-03-${String(day).padStart(2, "0")}T09:00:00Z`,
    state: options.state ?? "running",
    holdsSlot: options.holdsSlot ?? false,
    cpu: parseQuantity(options.cpu ?? "1"),
    memory: parseQuantity(options.memory ?? "2Gi"),
    storage: parseQuantity(options.storage ?? "0"),
  };
}

/** The verdict for every session, asked one by one as each reconcile would. */
function verdicts(claims: readonly Claim[], lim: ReturnType<typeof limits>, sharedHome = 0) {
  return Object.fromEntries(claims.map((c) => [c.name, admit(c.name, claims, lim, sharedHome).admitted]));
}

describe("admission under a user's Quota", () => {
  it("maxSessions refuses the newest session, naming the limit and the Quota", () => {
    const claims = [claim("first", 1), claim("third", 3, { state: "hibernated" }), claim("second", 2)];
    const lim = limits({ maxSessions: 2 });
    expect(verdicts(claims, lim)).toEqual({ first: true, second: true, third: false });
    const refused = admit("third", claims, lim);
    expect(refused).toEqual({
      admitted: false,
      message: "3 sessions would exceed the limit maxSessions=2 of Quota alice-quota",
    });
  });

  it("terminated sessions do not count", () => {
    const claims = [claim("old", 1, { state: "terminated" }), claim("new", 2)];
    expect(admit("new", claims, limits({ maxSessions: 1, maxRunningSessions: 1 }))).toEqual({
      admitted: true,
    });
  });

  it("maxRunningSessions refuses the newest running session; hibernated ones use no running slot", () => {
    const claims = [
      claim("asleep", 1, { state: "hibernated" }),
      claim("older", 2),
      claim("newer", 3),
      claim("asleep-too", 4, { state: "hibernated" }),
    ];
    const lim = limits({ maxRunningSessions: 1 }, "team-a");
    expect(verdicts(claims, lim)).toEqual({ asleep: true, older: true, newer: false, "asleep-too": true });
    const refused = admit("newer", claims, lim);
    expect(refused).toEqual({
      admitted: false,
      message: expect.stringMatching(/maxRunningSessions=1 of Quota team-a$/),
    });
  });

  it("CPU limits add up, in cores, with millicore quantities", () => {
    const claims = [
      claim("a", 1, { cpu: "500m" }),
      claim("b", 2, { cpu: "1500m" }),
      claim("c", 3, { cpu: "1" }),
    ];
    const lim = limits({ cpu: "2" });
    expect(verdicts(claims, lim)).toEqual({ a: true, b: true, c: false });
    expect(admit("c", claims, lim)).toEqual({
      admitted: false,
      message: "a CPU limit of 3 cores in all would exceed the limit cpu=2 of Quota alice-quota",
    });
  });

  it("sessions that exactly fill the CPU quota all run (no rounding error: 100m + 200m fits in 300m)", () => {
    const claims = [claim("a", 1, { cpu: "100m" }), claim("b", 2, { cpu: "200m" })];
    expect(verdicts(claims, limits({ cpu: "300m" }))).toEqual({ a: true, b: true });
    expect(verdicts(claims, limits({ cpu: "299m" }))).toEqual({ a: true, b: false });
  });

  it("memory limits add up in bytes (2Gi + 2Gi fits 4Gi, a third does not)", () => {
    const claims = [claim("a", 1), claim("b", 2), claim("c", 3, { memory: "512Mi" })];
    const lim = limits({ memory: "4Gi" });
    expect(verdicts(claims, lim)).toEqual({ a: true, b: true, c: false });
    const refused = admit("c", claims, lim);
    expect(refused).toEqual({
      admitted: false,
      message: expect.stringMatching(
        /^4608Mi of memory in all would exceed the limit memory=\d+ of Quota alice-quota$/,
      ),
    });
  });

  it("a session already holding a slot keeps it after the Quota is lowered; a newer one is refused", () => {
    // Three sessions ran under maxRunningSessions 3; the admin lowers it to 1.
    const claims = [
      claim("a", 1, { holdsSlot: true }),
      claim("b", 2, { holdsSlot: true }),
      claim("c", 3, { holdsSlot: true }),
      claim("d", 4),
    ];
    expect(verdicts(claims, limits({ maxRunningSessions: 1 }))).toEqual({
      a: true,
      b: true,
      c: true,
      d: false,
    });
    // The same for CPU and maxSessions lowered below what is in use.
    expect(verdicts(claims, limits({ cpu: "1", maxSessions: 2 }))).toEqual({
      a: true,
      b: true,
      c: true,
      d: false,
    });
  });

  it("a slot holder goes first even when it is newer than a waiting session", () => {
    const claims = [claim("waiting-old", 1), claim("running-new", 5, { holdsSlot: true })];
    expect(verdicts(claims, limits({ maxRunningSessions: 1 }))).toEqual({
      "waiting-old": false,
      "running-new": true,
    });
  });

  it("the answer is the same whichever session is asked and in whatever order the cache lists them", () => {
    const claims = [
      claim("e", 5, { cpu: "250m" }),
      claim("b", 2, { cpu: "1250m" }),
      claim("d", 4, { state: "hibernated" }),
      claim("a", 1, { cpu: "750m", holdsSlot: true }),
      claim("c", 3, { cpu: "1" }),
      claim("c2", 3, { cpu: "1" }), // same creation time: the name breaks the tie
    ];
    const lim = limits({ cpu: "3", maxRunningSessions: 4 });
    // a (held) 0.75 + b 1.25 + c 1 = 3 cores: full. c2 ties with c and loses on its name; e is newest.
    const expected = { a: true, b: true, c: true, c2: false, d: true, e: false };
    expect(verdicts(claims, lim)).toEqual(expected);
    expect(verdicts([...claims].reverse(), lim)).toEqual(expected);
    expect(verdicts([...claims.slice(3), ...claims.slice(0, 3)], lim)).toEqual(expected);
  });

  it("storage counts each per-session home and the user's shared home once", () => {
    const claims = [claim("a", 1, { storage: "10Gi" }), claim("b", 2, { storage: "10Gi" })];
    expect(verdicts(claims, limits({ storage: "25Gi" }))).toEqual({ a: true, b: true });
    expect(verdicts(claims, limits({ storage: "25Gi" }), parseQuantity("10Gi"))).toEqual({
      a: true,
      b: false,
    });
  });

  it("no limits: everything is admitted", () => {
    const claims = [claim("a", 1, { cpu: "64" }), claim("b", 2, { memory: "1Ti" })];
    expect(verdicts(claims, new Map())).toEqual({ a: true, b: true });
  });
});
