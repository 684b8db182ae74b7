/**
 * A Template's appType defaults from what it declares: vnc enabled makes a desktop, webapp a webapp,
 * both a hybrid. A Template that declares neither still needs one, and is told so.
 */
import { expect, test } from "vitest";
import { appEndpoint, appTypeOf } from "../../src/api/app-endpoint.js";
import type { Template, TemplateSpec } from "../../src/api/generated/types.js";
import { templateValidity } from "../../src/controllers/template/reconcile.js";

/** The original design's example Template, as the issue quotes it. */
const example: TemplateSpec = {
  displayName: "Firefox Web Browser",
  description: "Modern web browser",
  category: "Web Browsers",
  baseImage: "lscr.io/linuxserver/firefox:latest",
  defaultResources: { requests: { memory: "2Gi", cpu: "1000m" }, limits: { memory: "2Gi", cpu: "2000m" } },
  ports: [{ name: "vnc", containerPort: 3000 }],
  vnc: { enabled: true, port: 3000 },
  capabilities: ["Network", "Clipboard"],
};
const template = (spec: TemplateSpec): Template => ({
  apiVersion: "stream.streamspace.io/v1alpha1",
  kind: "Template",
  metadata: { name: "firefox-browser", namespace: "streamspace" },
  spec,
});

test("the design's example is a valid desktop, reached on its VNC port", () => {
  expect(templateValidity(template(example))).toEqual({
    valid: true,
    message: "the template can be launched",
  });
  expect(appTypeOf(example)).toBe("desktop");
  expect(appEndpoint(example).port).toBe(3000);
});

test("webapp alone makes a webapp, vnc and webapp a hybrid, a disabled vnc nothing", () => {
  const { vnc: _vnc, ...bare } = example;
  expect(appTypeOf({ ...bare, webapp: { port: 8080 } })).toBe("webapp");
  expect(appTypeOf({ ...example, webapp: { port: 8080 } })).toBe("hybrid");
  expect(appTypeOf({ ...example, vnc: { enabled: false } })).toBeUndefined();
  expect(appTypeOf({ ...example, appType: "webapp", webapp: { port: 8080 } })).toBe("webapp");
});

test("a Template that declares neither vnc nor webapp nor appType is invalid, naming spec.appType", () => {
  const { vnc: _vnc, ...bare } = example;
  const verdict = templateValidity(template(bare));
  expect(verdict.valid).toBe(false);
  expect(verdict.message).toMatch(/^spec\.appType is required/);
});
