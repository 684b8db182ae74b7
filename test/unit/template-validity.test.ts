/**
 * Template validity as an admin sees it in the Template's status: schema errors name the field;
 * what the schema cannot say (a desktop needs vnc, a web app its webapp block, every app a port) is
 * checked too; a good Template is Valid and Ready.
 */
import { describe, expect, it } from "vitest";
import type { Template, TemplateSpec } from "../../src/api/generated/types.js";
import { templateProblem } from "../../src/api/validation/template.js";
import { nextTemplateStatus, templateValidity } from "../../src/controllers/template/reconcile.js";
import { desktopTemplate, webappTemplate } from "./fixtures/session-fixtures.js";

const T0 = Date.parse("2025-03-01T10:00:00Z");

/** A raw Template as someone might write it, not passed through the validator. */
function raw(spec: Record<string, unknown>, generation = 4): Template {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Template",
    metadata: { name: "firefox", namespace: "streamspace", generation },
    spec: {
      displayName: "Firefox",
      category: "Web Browsers",
      baseImage: "lscr.io/linuxserver/firefox:latest",
      appType: "desktop",
      vnc: { enabled: true, port: 3000 },
      ...spec,
    } as TemplateSpec,
  };
}

describe("template validity", () => {
  it("the shipped fixtures (desktop and web app) are valid", () => {
    expect(templateValidity(desktopTemplate())).toEqual({
      valid: true,
      message: "the template can be launched",
    });
    expect(templateValidity(webappTemplate()).valid).toBe(true);
  });

  it("schema errors name the field", () => {
    expect(templateValidity(raw({ baseImage: undefined }))).toEqual({
      valid: false,
      message: "spec.baseImage: is required",
    });
    const badType = templateValidity(raw({ appType: "mobile" }));
    expect(badType.valid).toBe(false);
    expect(badType.message).toMatch(/^spec\.appType: must be one of .*\(got "mobile"\)$/);
    const badPort = templateValidity(raw({ vnc: { port: "3000x" } }));
    expect(badPort.valid).toBe(false);
    expect(badPort.message).toContain("spec.vnc.port");
  });

  it("a desktop without vnc is invalid, naming spec.vnc", () => {
    expect(templateValidity(raw({ vnc: undefined }))).toEqual({
      valid: false,
      message: "spec.vnc is required for appType desktop",
    });
  });

  it("a web app without its webapp block is invalid, naming spec.webapp", () => {
    expect(templateValidity(raw({ appType: "webapp", vnc: undefined }))).toEqual({
      valid: false,
      message: "spec.webapp is required for appType webapp",
    });
    expect(
      templateProblem(webappTemplate({ appType: "hybrid", vnc: { port: 5900 }, webapp: undefined })),
    ).toBe("spec.webapp is required for appType hybrid");
  });

  it("no port at all is invalid, saying where a port can be set", () => {
    const noPort = templateValidity(raw({ vnc: { enabled: false } }));
    expect(noPort.valid).toBe(false);
    expect(noPort.message).toContain("no port");
    expect(noPort.message).toContain("spec.vnc.port");
    expect(noPort.message).toContain("spec.ports");
    // With a plain port it is fine.
    expect(templateValidity(raw({ vnc: { enabled: false }, ports: [{ containerPort: 8080 }] })).valid).toBe(
      true,
    );
  });

  it("a good Template: valid True, Ready True, no Stalled, observedGeneration", () => {
    const status = nextTemplateStatus(raw({}), T0);
    expect(status).toMatchObject({ valid: "True", reason: "Valid", observedGeneration: 4 });
    expect(status.conditions).toEqual([
      {
        type: "Ready",
        status: "True",
        reason: "Valid",
        message: "the template can be launched",
        lastTransitionTime: "2025-03-01T10:00:00Z",
        observedGeneration: 4,
      },
    ]);
  });

  it("a bad Template: valid False, Ready False and Stalled True with the message; fixed, Stalled goes", () => {
    const broken = raw({ vnc: undefined }, 5);
    const status = nextTemplateStatus(broken, T0);
    expect(status).toMatchObject({
      valid: "False",
      reason: "ValidationFailed",
      message: "spec.vnc is required for appType desktop",
    });
    const types = Object.fromEntries((status.conditions ?? []).map((c) => [c.type, c]));
    expect(types.Ready).toMatchObject({
      status: "False",
      message: "spec.vnc is required for appType desktop",
    });
    expect(types.Stalled).toMatchObject({ status: "True", reason: "ValidationFailed" });
    const fixed = nextTemplateStatus({ ...raw({}, 6), status }, T0 + 60_000);
    expect(fixed.valid).toBe("True");
    expect(fixed.conditions?.map((c) => c.type)).toEqual(["Ready"]);
    expect(fixed.conditions?.[0]).toMatchObject({
      status: "True",
      lastTransitionTime: "2025-03-01T10:01:00Z",
    });
  });
});
