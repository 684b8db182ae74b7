import { describe, expect, it } from "vitest";
import type { Template } from "../../src/api/generated/types.js";
import {
  bundle,
  type ContainerJson,
  containerOf,
  desktopTemplate,
  makeSession,
  only,
  type ServiceJson,
  webappTemplate,
} from "./fixtures/session-fixtures.js";

/** The container port a probe or Service port refers to, by name or number. */
function portNumber(container: ContainerJson, port: string | number | undefined): number | undefined {
  if (typeof port === "number") return port;
  return container.ports.find((p) => p.name === port)?.containerPort;
}

function containerFor(template: Template): ContainerJson {
  return containerOf(bundle({ session: makeSession({ spec: { template: "app" } }), template }));
}

describe("readiness probe of a session's app", () => {
  it("a desktop gets a TCP check on its VNC web port (3000 for a LinuxServer.io image)", () => {
    const container = containerFor(desktopTemplate());
    const probe = container.readinessProbe;
    expect(probe.httpGet).toBeUndefined();
    expect(probe.tcpSocket).toBeDefined();
    expect(portNumber(container, probe.tcpSocket?.port)).toBe(3000);
  });

  it("a desktop on another VNC port is probed on that port", () => {
    const container = containerFor(
      desktopTemplate({ vnc: { port: 6901, protocol: "websocket", encryption: true } }),
    );
    expect(portNumber(container, container.readinessProbe.tcpSocket?.port)).toBe(6901);
  });

  it("a web app with a healthCheck gets an HTTP GET on that path and its port", () => {
    const container = containerFor(webappTemplate({ webapp: { port: 8443, healthCheck: "/api/health" } }));
    const probe = container.readinessProbe;
    expect(probe.tcpSocket).toBeUndefined();
    expect(probe.httpGet?.path).toBe("/api/health");
    expect(portNumber(container, probe.httpGet?.port)).toBe(8443);
    expect(probe.httpGet?.scheme ?? "HTTP").toBe("HTTP");
  });

  it("an https web app is probed over HTTPS", () => {
    const container = containerFor(
      webappTemplate({ webapp: { port: 8443, protocol: "https", healthCheck: "/healthz" } }),
    );
    expect(container.readinessProbe.httpGet?.scheme).toBe("HTTPS");
  });

  it("a web app without a healthCheck gets a TCP check on its port", () => {
    const container = containerFor(webappTemplate({ webapp: { port: 8888 } }));
    expect(container.readinessProbe.httpGet).toBeUndefined();
    expect(portNumber(container, container.readinessProbe.tcpSocket?.port)).toBe(8888);
  });

  it("a hybrid app is probed on its web port", () => {
    const container = containerFor(
      webappTemplate({
        appType: "hybrid",
        vnc: { port: 5900 },
        webapp: { port: 8080, healthCheck: "/ready" },
      }),
    );
    expect(container.readinessProbe.httpGet?.path).toBe("/ready");
    expect(portNumber(container, container.readinessProbe.httpGet?.port)).toBe(8080);
  });

  it("the Service sends traffic to the same port the probe checks", () => {
    for (const template of [desktopTemplate(), webappTemplate()]) {
      const objects = bundle({ session: makeSession(), template });
      const container = containerOf(objects);
      const service = only<ServiceJson>(objects, "Service");
      const probePort = container.readinessProbe.httpGet?.port ?? container.readinessProbe.tcpSocket?.port;
      expect(service.spec.ports).toHaveLength(1);
      expect(portNumber(container, service.spec.ports[0]?.targetPort)).toBe(portNumber(container, probePort));
    }
  });

  it("a Template with no port at all is a clear error naming the fields to set", () => {
    for (const template of [
      desktopTemplate({ vnc: undefined }),
      webappTemplate({ webapp: undefined }),
      desktopTemplate({ vnc: { enabled: false } }),
    ]) {
      expect(() => containerFor(template), template.spec.appType).toThrow(/spec\.webapp\.port/);
      expect(() => containerFor(template), template.spec.appType).toThrow(/spec\.vnc\.port/);
    }
  });

  it("a Template with only a plain port list is probed on its first port", () => {
    const container = containerFor(desktopTemplate({ vnc: undefined, ports: [{ containerPort: 6080 }] }));
    expect(portNumber(container, container.readinessProbe.tcpSocket?.port)).toBe(6080);
  });
});
