import { describe, expect, it } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import { type FieldError, validateResource } from "../../src/api/validation/validate.js";
import { GROUP_VERSION } from "./fixtures/session-fixtures.js";

/** A resource of a kind with this spec, as a user would write it (no defaults). */
function resource(kind: string, spec: Record<string, unknown>) {
  return { apiVersion: GROUP_VERSION, kind, metadata: { name: "x", namespace: "streamspace" }, spec };
}

const sessionSpec = { user: "alice@example.com", template: "firefox" };
const templateSpec = {
  displayName: "Firefox",
  category: "Web Browsers",
  baseImage: "lscr.io/linuxserver/firefox:latest",
  appType: "desktop",
  vnc: { port: 3000 },
};

function errorsOf(
  kind: "Session" | "Template" | "Quota",
  spec: Record<string, unknown>,
): readonly FieldError[] {
  const result = validateResource(kind, resource(kind, spec));
  expect(result.ok, `${kind} ${JSON.stringify(spec)} should be rejected`).toBe(false);
  return result.errors;
}

/** The single error about one field; a user fixes one thing at a time. */
function errorFor(errors: readonly FieldError[], field: string): FieldError {
  const matching = errors.filter((e) => e.field === field);
  expect(matching, `errors: ${JSON.stringify(errors)}`).toHaveLength(1);
  return matching[0] as FieldError;
}

describe("schema validation tells a user which field is wrong, what they wrote and what is allowed", () => {
  it("a wrong enum value names the field, the value and every allowed value", () => {
    const error = errorFor(errorsOf("Session", { ...sessionSpec, state: "paused" }), "spec.state");
    expect(error.message).toContain('"paused"');
    for (const allowed of ["running", "hibernated", "terminated"]) expect(error.message).toContain(allowed);

    const appType = errorFor(errorsOf("Template", { ...templateSpec, appType: "vnc" }), "spec.appType");
    expect(appType.message).toContain('"vnc"');
    for (const allowed of ["desktop", "webapp", "hybrid"]) expect(appType.message).toContain(allowed);
  });

  it("a missing required field is named by its full path", () => {
    const error = errorFor(errorsOf("Session", { template: "firefox" }), "spec.user");
    expect(error.message).toMatch(/required/);

    const { baseImage: _omitted, ...withoutImage } = templateSpec;
    expect(errorFor(errorsOf("Template", withoutImage), "spec.baseImage").message).toMatch(/required/);
  });

  it("an unknown field is named, with the fields that are allowed there", () => {
    const error = errorFor(errorsOf("Session", { ...sessionSpec, replicas: 2 }), "spec.replicas");
    expect(error.message).toMatch(/not a known field/);
    for (const allowed of ["user", "template", "state", "resources"])
      expect(error.message).toContain(allowed);

    // The old Template format's block is not silently accepted under the current API version.
    const kasm = errorFor(
      errorsOf("Template", { ...templateSpec, kasmvnc: { enabled: true } }),
      "spec.kasmvnc",
    );
    expect(kasm.message).toMatch(/\bvnc\b/);
  });

  it("a bad quantity names the field, the value and what a quantity looks like", () => {
    for (const bad of ["2 GB", "-1Gi", "lots", 1.5]) {
      const errors = errorsOf("Session", { ...sessionSpec, resources: { limits: { memory: bad } } });
      const error = errorFor(errors, "spec.resources.limits.memory");
      expect(error.message).toContain(JSON.stringify(bad));
      expect(error.message).toMatch(/quantity/i);
      expect(error.message).toMatch(/512Mi|4Gi/);
    }
  });

  it("a bad duration names the field, the value and what a duration looks like", () => {
    for (const [field, bad] of [
      ["idleTimeout", "30 minutes"],
      ["maxSessionDuration", "8"],
      ["startupTimeout", "5 m"],
    ] as const) {
      const error = errorFor(errorsOf("Session", { ...sessionSpec, [field]: bad }), `spec.${field}`);
      expect(error.message).toContain(JSON.stringify(bad));
      expect(error.message).toMatch(/duration/);
      expect(error.message).toMatch(/30s|8h|1h30m/);
    }
  });

  it("a Quota for both a user and a group is rejected, naming both fields", () => {
    const error = errorFor(
      errorsOf("Quota", { user: "alice", group: "designers", limits: { maxSessions: 2 } }),
      "spec",
    );
    expect(error.message).toContain("user");
    expect(error.message).toContain("group");
    expect(error.message).toMatch(/only one/);

    for (const spec of [{ user: "alice" }, { group: "designers" }, {}]) {
      expect(validateResource("Quota", resource("Quota", { ...spec, limits: { maxSessions: 2 } })).ok).toBe(
        true,
      );
    }
  });

  it("reports every bad field at once, not only the first", () => {
    const errors = errorsOf("Session", { template: "firefox", state: "paused", idleTimeout: "soon" });
    expect(errors.map((e) => e.field).sort()).toEqual(["spec.idleTimeout", "spec.state", "spec.user"]);
  });

  it("a valid Session passes and gets the defaults: running, persistent home, auto-start, 8h", () => {
    const input = resource("Session", sessionSpec);
    const result = validateResource<Session>("Session", input);
    expect(result, JSON.stringify(result.errors)).toMatchObject({ ok: true });
    const spec = (result as { value: Session }).value.spec;
    expect(spec).toMatchObject({
      user: "alice@example.com",
      template: "firefox",
      state: "running",
      persistentHome: true,
      autoStart: true,
      maxSessionDuration: "8h",
    });
    // idleTimeout has no schema default: the platform config supplies it.
    expect(spec.idleTimeout).toBeUndefined();
    // The caller's object is left as it was.
    expect(input.spec).toEqual(sessionSpec);
  });

  it("defaults never override what the user wrote", () => {
    const spec = { ...sessionSpec, state: "hibernated", persistentHome: false, autoStart: false };
    const result = validateResource<Session>(
      "Session",
      resource("Session", { ...spec, maxSessionDuration: "0" }),
    );
    expect(result).toMatchObject({ ok: true, value: { spec: { ...spec, maxSessionDuration: "0" } } });
  });

  it("a valid Template passes, with quantities as strings or integers", () => {
    const result = validateResource(
      "Template",
      resource("Template", {
        ...templateSpec,
        defaultResources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: 2, memory: "4Gi" } },
      }),
    );
    expect(result.ok, JSON.stringify(result.errors)).toBe(true);
  });
});
