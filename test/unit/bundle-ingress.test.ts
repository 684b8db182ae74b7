import { describe, expect, it } from "vitest";
import { sessionUrl } from "../../constructs/session/ingress.js";
import type { BundleSettings } from "../../constructs/session/settings.js";
import type { Template } from "../../src/api/generated/types.js";
import {
  bundle,
  bundleSettings,
  desktopTemplate,
  type IngressJson,
  makeSession,
  NAMESPACE,
  only,
  type ServiceJson,
} from "./fixtures/session-fixtures.js";

const DOMAIN = "apps.example.com";
const SESSION = "alice-firefox";

function ingressFor(ingress: Record<string, unknown> = {}, template: Template = desktopTemplate()) {
  const settings = bundleSettings({ ingress: { domain: DOMAIN, ...ingress } });
  const objects = bundle({ session: makeSession({ name: SESSION }), template, settings });
  const object = only<IngressJson>(objects, "Ingress");
  const rule = object.spec.rules[0];
  const path = rule?.http.paths[0];
  if (!rule || !path) throw new Error("the Ingress has no rule");
  const service = only<ServiceJson>(objects, "Service");
  return { object, rule, path, service, settings, name: service.metadata.name };
}

/** How ingress-nginx serves a request: the path regex (anchored at the start) and the rewrite-target. */
function nginxRoute(ingress: IngressJson, requestPath: string): string | undefined {
  const path = ingress.spec.rules[0]?.http.paths[0];
  if (!path) return undefined;
  if (path.pathType === "Prefix") {
    const prefix = path.path.replace(/\/$/, "");
    return requestPath === prefix || requestPath.startsWith(`${prefix}/`) ? requestPath : undefined;
  }
  const match = new RegExp(`^${path.path}`).exec(requestPath);
  if (!match) return undefined;
  const target = ingress.metadata.annotations?.["nginx.ingress.kubernetes.io/rewrite-target"] ?? requestPath;
  return target.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? "");
}

function url(settings: BundleSettings, name: string): URL {
  return new URL(sessionUrl(name, settings.ingress));
}

describe("a Session's Ingress", () => {
  it("host routing: its own host under the domain, the whole path, to its Service's app port", () => {
    const { object, rule, path, service, settings, name } = ingressFor({ routing: "host" });
    expect(rule.host).toBe(`${name}.${DOMAIN}`);
    expect(path.path).toBe("/");
    expect(path.pathType).toBe("Prefix");
    expect(path.backend.service.name).toBe(service.metadata.name);
    expect(service.spec.ports.map((p) => p.name)).toContain(path.backend.service.port.name);
    expect(object.spec.ingressClassName).toBe("nginx");

    const target = url(settings, name);
    expect(target.protocol).toBe("http:");
    expect(target.host).toBe(rule.host);
    expect(target.pathname).toBe("/");
    expect(nginxRoute(object, "/index.html")).toBe("/index.html");
  });

  it("path routing: the domain's host, /s/<name>/, with the prefix stripped before the app sees it", () => {
    const { object, rule, settings, name } = ingressFor({ routing: "path" });
    expect(rule.host).toBe(DOMAIN);
    const target = url(settings, name);
    expect(target.host).toBe(DOMAIN);
    expect(target.pathname).toBe(`/s/${name}/`);

    expect(nginxRoute(object, target.pathname)).toBe("/");
    expect(nginxRoute(object, `/s/${name}`)).toBe("/");
    expect(nginxRoute(object, `/s/${name}/websockify?token=x`)).toBe("/websockify?token=x");
    // Another session whose name starts with this one's is not routed here.
    expect(nginxRoute(object, `/s/${name}x/`)).toBeUndefined();
    expect(nginxRoute(object, "/")).toBeUndefined();
  });

  it("uses the configured ingress class", () => {
    expect(ingressFor({ className: "traefik" }).object.spec.ingressClassName).toBe("traefik");
  });

  it("has no TLS without a certificate, and the URL is http", () => {
    const { object, settings, name } = ingressFor();
    expect(object.spec.tls ?? []).toEqual([]);
    expect(url(settings, name).protocol).toBe("http:");
  });

  for (const routing of ["host", "path"] as const) {
    it(`has TLS for its host with tlsSecretName set, and the URL is https (${routing} routing)`, () => {
      const { object, rule, settings, name } = ingressFor({ routing, tlsSecretName: "wildcard-tls" });
      expect(object.spec.tls).toEqual([{ hosts: [rule.host], secretName: "wildcard-tls" }]);
      const target = url(settings, name);
      expect(target.protocol).toBe("https:");
      expect(target.host).toBe(rule.host);
    });
  }

  it("by default asks the API's session check, so no session is reachable without its owner's login", () => {
    const annotations = ingressFor().object.metadata.annotations ?? {};
    const auth = new URL(annotations["nginx.ingress.kubernetes.io/auth-url"] ?? "");
    expect(auth.pathname).toBe("/api/v1/auth/session-check");
    expect(auth.searchParams.get("session")).toBe(`${NAMESPACE}/${SESSION}`);
  });

  it("has no forward-auth annotations when authUrl is set empty (an explicit opt-out)", () => {
    const annotations = ingressFor({ authUrl: "" }).object.metadata.annotations ?? {};
    expect(Object.keys(annotations).filter((key) => key.includes("/auth-"))).toEqual([]);
  });

  it("asks the forward-auth endpoint about this very session when authUrl is set", () => {
    const authUrl = "https://auth.example.com/oauth2/auth?client=streamspace";
    const annotations =
      ingressFor({ authUrl, authSignin: "https://auth.example.com/start" }).object.metadata.annotations ?? {};
    const auth = new URL(annotations["nginx.ingress.kubernetes.io/auth-url"] ?? "");
    expect(`${auth.origin}${auth.pathname}`).toBe("https://auth.example.com/oauth2/auth");
    expect(auth.searchParams.get("client")).toBe("streamspace");
    expect(auth.searchParams.get("session")).toBe(`${NAMESPACE}/${SESSION}`);
    expect(annotations["nginx.ingress.kubernetes.io/auth-signin"]).toBe("https://auth.example.com/start");
  });

  it("proxies to the app over HTTPS when its VNC port is encrypted, and over HTTP otherwise", () => {
    const encrypted = desktopTemplate({ vnc: { port: 6901, protocol: "websocket", encryption: true } });
    const annotations = ingressFor({}, encrypted).object.metadata.annotations ?? {};
    expect(annotations["nginx.ingress.kubernetes.io/backend-protocol"]).toBe("HTTPS");

    const plain = ingressFor().object.metadata.annotations ?? {};
    expect(plain["nginx.ingress.kubernetes.io/backend-protocol"] ?? "HTTP").toBe("HTTP");
  });

  it("keeps long-lived streams open (VNC over WebSocket)", () => {
    const annotations = ingressFor().object.metadata.annotations ?? {};
    expect(Number(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"])).toBeGreaterThanOrEqual(
      3600,
    );
  });
});
