import { expect, test } from "vitest";
import type { Problem } from "../../src/controllers/repository/manifests.js";
import { buildStatus, sameJson, statusPatch } from "../../src/controllers/repository/status.js";
import { SyncError } from "../../src/git/errors.js";

const ref = (name: string) => ({
  apiVersion: "stream.streamspace.io/v1alpha1",
  kind: "Template",
  namespace: "ns",
  name,
});
const base = {
  previous: undefined,
  generation: 1,
  now: "2026-05-01T10:00:00Z",
  revision: "main@sha1:aaaa",
  problems: [] as Problem[],
  applyFailed: false,
  inventory: [ref("firefox"), ref("gimp")],
  maxErrors: 100,
};

const condition = (status: ReturnType<typeof buildStatus>, type: string) =>
  status.conditions?.find((c) => c.type === type);

test("a clean sync is Ready with revision, count, time and a Succeeded condition", () => {
  const s = buildStatus(base);
  expect(s).toMatchObject({
    phase: "Ready",
    revision: "main@sha1:aaaa",
    templateCount: 2,
    lastSyncTime: base.now,
    observedGeneration: 1,
    errors: [],
  });
  expect(condition(s, "Ready")).toMatchObject({ status: "True", reason: "Succeeded" });
  expect(condition(s, "Stalled")).toBeUndefined();
});

test("the same sync later yields an identical status (nothing to write), time included", () => {
  const first = buildStatus(base);
  const again = buildStatus({ ...base, previous: first, now: "2026-05-01T10:05:00Z" });
  expect(sameJson(first, again)).toBe(true);
});

test("a new revision moves lastSyncTime; a failure keeps it and the last good revision", () => {
  const first = buildStatus(base);
  const next = buildStatus({
    ...base,
    previous: first,
    revision: "main@sha1:bbbb",
    now: "2026-05-01T11:00:00Z",
  });
  expect(next.lastSyncTime).toBe("2026-05-01T11:00:00Z");
  const failed = buildStatus({
    ...base,
    previous: next,
    revision: undefined,
    failure: new SyncError("FetchFailed", "127.0.0.1:1 refused the connection"),
    now: "2026-05-01T12:00:00Z",
  });
  expect(failed).toMatchObject({
    phase: "Failed",
    revision: "main@sha1:bbbb",
    lastSyncTime: "2026-05-01T11:00:00Z",
  });
  expect(condition(failed, "Ready")).toMatchObject({ status: "False", reason: "FetchFailed" });
  expect(condition(failed, "Ready")?.lastTransitionTime).toBe("2026-05-01T12:00:00Z");
});

test("a spec that cannot work (ssh URL) is Stalled as well as not Ready", () => {
  const s = buildStatus({
    ...base,
    revision: undefined,
    failure: new SyncError("InvalidSpec", "only http(s) is supported"),
  });
  expect(condition(s, "Stalled")).toMatchObject({ status: "True", reason: "InvalidSpec" });
  expect(s.phase).toBe("Failed");
});

test("skipped files make Ready False (ValidationFailed) naming the first problem; warnings alone do not", () => {
  const problems: Problem[] = [
    { file: "old.yaml", field: "apiVersion", message: "converted", severity: "Warning" },
    { file: "bad.yaml", document: 2, field: "spec.vnc.port", message: "must be <= 65535", severity: "Error" },
  ];
  const s = buildStatus({ ...base, problems });
  expect(s.phase).toBe("Failed");
  expect(condition(s, "Ready")).toMatchObject({ status: "False", reason: "ValidationFailed" });
  expect(condition(s, "Ready")?.message).toContain("bad.yaml: spec.vnc.port must be <= 65535");
  expect(s.errors?.map((e) => e.file)).toEqual(["bad.yaml", "old.yaml"]);
  const warned = buildStatus({ ...base, problems: [problems[0] as Problem] });
  expect(warned.phase).toBe("Ready");
  expect(warned.errors).toHaveLength(1);
});

test("status.errors is capped and its messages are clipped and carry no credentials", () => {
  const problems: Problem[] = Array.from({ length: 10_000 }, (_, i) => ({
    file: `f${i}.yaml`,
    message: `bad https://bob:hunter2@git.example.com/x ${"y".repeat(5000)}`,
    severity: "Error",
  }));
  const s = buildStatus({ ...base, problems });
  expect(s.errors).toHaveLength(100);
  expect(JSON.stringify(s).length).toBeLessThan(200_000);
  expect(JSON.stringify(s)).not.toContain("hunter2");
});

test("a merge patch removes keys the new status no longer has", () => {
  expect(statusPatch({ phase: "Ready", revision: "x" }, { phase: "Failed" })).toEqual({
    phase: "Failed",
    revision: null,
  });
});
