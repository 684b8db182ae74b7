import { describe, expect, it } from "vitest";
import { sessionUrl } from "../../constructs/session/ingress.js";
import { appEndpoint } from "../../src/api/app-endpoint.js";
import { bundle, bundleSettings, containerOf, webappTemplate } from "./fixtures/session-fixtures.js";

describe("a web app's landing path and extra ports", () => {
  it("puts the app's own path in the session URL, under host and path routing", () => {
    const spec = webappTemplate({ webapp: { port: 8888, protocol: "http", path: "/lab" } }).spec;
    const path = appEndpoint(spec).path;
    expect(sessionUrl("ss-s1", bundleSettings().ingress, path)).toBe("http://ss-s1.streamspace.local/lab");
    const byPath = bundleSettings({ ingress: { routing: "path", domain: "apps.example.com" } }).ingress;
    expect(sessionUrl("ss-s1", byPath, path)).toBe("http://apps.example.com/s/ss-s1/lab");
  });

  it("declares the app port once even when the Template names another port 'app'", () => {
    const template = webappTemplate({
      ports: [
        { name: "app", containerPort: 9000, protocol: "TCP" },
        { name: "metrics", containerPort: 9100, protocol: "TCP" },
      ],
    });
    const ports = containerOf(bundle({ template })).ports;
    expect(ports.filter((p) => p.name === "app")).toEqual([
      { name: "app", containerPort: 8080, protocol: "TCP" },
    ]);
    expect(ports.map((p) => p.name)).toContain("metrics");
  });
});
