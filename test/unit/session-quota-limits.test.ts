/**
 * Which limits apply to a user: their own Quota, else the most generous Quota of a group listing
 * them, else the strictest namespace default; field by field, each naming the Quota that set it.
 */
import { describe, expect, it } from "vitest";
import type { Quota, QuotaSpec } from "../../src/api/generated/types.js";
import { limitsFor } from "../../src/controllers/session/quota.js";

const ALICE = "alice@example.com";
const GiB = 2 ** 30;

function quota(name: string, spec: QuotaSpec): Quota {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Quota",
    metadata: { name, namespace: "streamspace" },
    spec,
  };
}

const namespaceDefault = quota("default", {
  limits: { maxSessions: 3, maxRunningSessions: 1, cpu: "2", memory: "4Gi", storage: "10Gi" },
});
const designers = quota("designers", {
  group: "designers",
  members: [ALICE, "bob@example.com"],
  limits: { maxRunningSessions: 3, memory: "16Gi" },
});
const aliceOwn = quota("alice", { user: ALICE, limits: { maxRunningSessions: 2 } });

describe("limitsFor", () => {
  it("with only a namespace default, every limit is the default's, named after it", () => {
    expect(Object.fromEntries(limitsFor(ALICE, [namespaceDefault]))).toEqual({
      maxSessions: { value: 3, quota: "default" },
      maxRunningSessions: { value: 1, quota: "default" },
      cpu: { value: 2, quota: "default" },
      memory: { value: 4 * GiB, quota: "default" },
      storage: { value: 10 * GiB, quota: "default" },
    });
  });

  it("a user's own Quota beats a group's, which beats the default, field by field", () => {
    const limits = limitsFor(ALICE, [namespaceDefault, designers, aliceOwn]);
    // Her own Quota sets maxRunningSessions (2, although the group allows 3)…
    expect(limits.get("maxRunningSessions")).toEqual({ value: 2, quota: "alice" });
    // …the group sets memory, which her own Quota leaves out…
    expect(limits.get("memory")).toEqual({ value: 16 * GiB, quota: "designers" });
    // …and what neither sets falls back to the namespace default.
    expect(limits.get("maxSessions")).toEqual({ value: 3, quota: "default" });
    expect(limits.get("cpu")).toEqual({ value: 2, quota: "default" });
  });

  it("a group Quota applies only to its members", () => {
    const limits = limitsFor("carol@example.com", [namespaceDefault, designers, aliceOwn]);
    expect(limits.get("maxRunningSessions")).toEqual({ value: 1, quota: "default" });
    expect(limits.get("memory")).toEqual({ value: 4 * GiB, quota: "default" });
  });

  it("a user's own Quota may be stricter than the default", () => {
    const strict = quota("alice-strict", { user: ALICE, limits: { cpu: "500m" } });
    expect(limitsFor(ALICE, [namespaceDefault, strict]).get("cpu")).toEqual({
      value: 0.5,
      quota: "alice-strict",
    });
  });

  it("of several groups, the most generous wins, field by field", () => {
    const gpu = quota("gpu-users", {
      group: "gpu",
      members: [ALICE],
      limits: { cpu: "8", memory: "8Gi" },
    });
    const limits = limitsFor(ALICE, [designers, gpu]);
    expect(limits.get("memory")).toEqual({ value: 16 * GiB, quota: "designers" });
    expect(limits.get("cpu")).toEqual({ value: 8, quota: "gpu-users" });
    expect(limits.get("maxRunningSessions")).toEqual({ value: 3, quota: "designers" });
  });

  it("of several namespace defaults, the strictest wins, field by field", () => {
    const other = quota("cost-control", { limits: { maxSessions: 10, cpu: "1500m" } });
    const limits = limitsFor(ALICE, [namespaceDefault, other]);
    expect(limits.get("cpu")).toEqual({ value: 1.5, quota: "cost-control" });
    expect(limits.get("maxSessions")).toEqual({ value: 3, quota: "default" });
  });

  it("no Quota at all: no limit", () => {
    expect(limitsFor(ALICE, []).size).toBe(0);
    expect(limitsFor(ALICE, [quota("bob", { user: "bob@example.com", limits: { cpu: "1" } })]).size).toBe(0);
  });
});
