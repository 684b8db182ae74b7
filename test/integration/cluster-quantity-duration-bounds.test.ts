// The API server refuses quantities and durations the reconciler cannot honour, naming the field: a
// limit of 0 (no limit at all to Kubernetes, yet counted as nothing by a quota), an exponent that
// overflows a number ("0e400" once parsed to NaN), and durations beyond a week (a Node timer overflows
// at 596 h). Values at the bounds are accepted.
import { beforeAll, describe, expect, it } from "vitest";
import { kubectl, useNamespace } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

const ns = useNamespace("bounds");
beforeAll(installCrds);

const GV = "stream.streamspace.io/v1alpha1";

async function applyResult(object: Record<string, unknown>) {
  return kubectl(["apply", "--server-side", "--field-manager=test-user", "-n", ns.name, "-f", "-"], {
    input: JSON.stringify(object),
    allowFailure: true,
  });
}

const session = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: GV,
  kind: "Session",
  metadata: { name },
  spec: { user: "alice", template: "firefox", ...spec },
});
const repository = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: GV,
  kind: "TemplateRepository",
  metadata: { name },
  spec: { url: "https://example.com/templates.git", ...spec },
});

describe("bounds the API server enforces", () => {
  it.each([
    ["limits.cpu 0", { resources: { limits: { cpu: "0" } } }, "spec.resources.limits.cpu"],
    ["limits.memory 0e400", { resources: { limits: { memory: "0e400" } } }, "spec.resources.limits.memory"],
    ["limits.cpu 0.0", { resources: { limits: { cpu: "0.0" } } }, "spec.resources.limits.cpu"],
    ["limits.cpu integer 0", { resources: { limits: { cpu: 0 } } }, "spec.resources.limits.cpu"],
    ["requests.cpu 1e400", { resources: { requests: { cpu: "1e400" } } }, "spec.resources.requests.cpu"],
    ["maxSessionDuration 200h", { maxSessionDuration: "200h" }, "spec.maxSessionDuration"],
    ["idleTimeout 700h", { idleTimeout: "700h" }, "spec.idleTimeout"],
  ])("a Session with %s is refused, naming the field", async (_, spec, field) => {
    const res = await applyResult(session("bad", spec));
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain(field);
  });

  it.each([
    ["interval 1000h", { interval: "1000h" }, "spec.interval"],
    ["timeout 700h", { timeout: "700h" }, "spec.timeout"],
  ])("a TemplateRepository with %s is refused, naming the field", async (_, spec, field) => {
    const res = await applyResult(repository("bad", spec));
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain(field);
  });

  it("values at the bounds are accepted", async () => {
    const ok = session("ok", {
      resources: { requests: { cpu: "0" }, limits: { cpu: "1e3", memory: "2Gi" } },
      maxSessionDuration: "0",
      idleTimeout: "168h",
    });
    expect((await applyResult(ok)).stderr).toBe("");
    const repo = repository("ok", { interval: "168h", timeout: "1h30m" });
    expect((await applyResult(repo)).stderr).toBe("");
  });
});
