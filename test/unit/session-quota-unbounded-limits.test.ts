/**
 * A Session's limit can never poison or dodge its user's quota: "0e400" is zero, not NaN, and a limit
 * of zero (none, to Kubernetes) counts as unbounded, so it fits under no finite quota and lets no
 * other session through with it.
 */
import { expect, test } from "vitest";
import { limitAmount, parseQuantity } from "../../src/api/quantity.js";
import { admit, type Claim, limitsFor } from "../../src/controllers/session/quota.js";

const ALICE = "alice@example.com";
const twoCpus = limitsFor(ALICE, [
  {
    metadata: { name: "alice-quota", namespace: "streamspace" },
    spec: { user: ALICE, limits: { cpu: "2" } },
  },
]);

function claim(name: string, day: number, cpu: string): Claim {
  return {
    name,
    createdAt: `2025-03-0${day}T09:00:00Z`,
    state: "running",
    holdsSlot: false,
    cpu: limitAmount(cpu),
    memory: limitAmount("1Gi"),
    storage: 0,
  };
}

test('"0e400" is zero, never NaN; a value too large for a number is Infinity', () => {
  expect(parseQuantity("0e400")).toBe(0);
  expect(parseQuantity("0.0e18")).toBe(0);
  expect(parseQuantity("1e400")).toBe(Number.POSITIVE_INFINITY);
});

test("a session whose CPU limit is 0e400 does not let two 8-core sessions through a 2-CPU quota", () => {
  const claims = [claim("zero", 1, "0e400"), claim("big-a", 2, "8"), claim("big-b", 3, "8")];
  const verdicts = Object.fromEntries(claims.map((c) => [c.name, admit(c.name, claims, twoCpus).admitted]));
  expect(verdicts).toEqual({ zero: false, "big-a": false, "big-b": false });
});

test('a CPU limit of "0" counts as unbounded, and the refusal says why', () => {
  const claims = [claim("zero", 1, "0"), claim("small", 2, "500m")];
  expect(admit("zero", claims, twoCpus)).toEqual({
    admitted: false,
    message:
      "no CPU limit (a limit of 0 is none to Kubernetes) would exceed the limit cpu=2 of Quota alice-quota",
  });
  // The refused one takes nothing: the next session fits.
  expect(admit("small", claims, twoCpus)).toEqual({ admitted: true });
});
