// The platform Ingress (one host for UI and API) serves TLS when api.scheme is https, with the named
// certificate Secret or the controller's default one, and the platform's origin becomes https, which
// makes the login cookie Secure. Off by default: plain HTTP for local runs.

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { platformOrigin, resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";

type Ingress = { kind: string; spec: { tls?: Array<{ hosts: string[]; secretName?: string }> } };

function platformIngress(api: Record<string, unknown>): Ingress {
  const files = synthesize(resolvePlatformConfig({ api: { host: "streamspace.example.com", ...api } }));
  const ingresses = [...files.entries()]
    .filter(([path]) => path.includes("ingress-streamspace-system-streamspace-api"))
    .map(([, text]) => parse(text) as Ingress);
  expect(ingresses).toHaveLength(1);
  return ingresses[0] as Ingress;
}

describe("platform Ingress TLS", () => {
  it("is plain HTTP by default, with the request's own origin", () => {
    expect(platformIngress({}).spec.tls).toBeUndefined();
    expect(
      platformOrigin(resolvePlatformConfig({ api: { host: "streamspace.example.com" } })),
    ).toBeUndefined();
  });

  it("serves the host with the named certificate and an https origin when the scheme is https", () => {
    const api = { scheme: "https", tlsSecretName: "streamspace-tls" };
    expect(platformIngress(api).spec.tls).toEqual([
      { hosts: ["streamspace.example.com"], secretName: "streamspace-tls" },
    ]);
    expect(platformOrigin(resolvePlatformConfig({ api: { host: "streamspace.example.com", ...api } }))).toBe(
      "https://streamspace.example.com",
    );
  });

  it("uses the ingress controller's default certificate when no Secret is named", () => {
    expect(platformIngress({ scheme: "https" }).spec.tls).toEqual([{ hosts: ["streamspace.example.com"] }]);
  });
});
