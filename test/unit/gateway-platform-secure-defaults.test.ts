// With the default config, no session is behind an unauthenticated route, and the gateway runs with
// least privilege: it reads only what it routes by, writes only Sessions, and never sees a Secret.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GATEWAY_NAME } from "../../constructs/platform/labels.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { bundle, bundleSettings, makeSession, only } from "./fixtures/session-fixtures.js";

type Doc = {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
} & Record<
  string,
  // biome-ignore lint/suspicious/noExplicitAny: parsed YAML, read by path in assertions
  any
>;

const docs = [...synthesize(resolvePlatformConfig({}))]
  .filter(([path]) => !path.endsWith("kustomization.yaml"))
  .map(([, text]) => parse(text) as Doc);

describe("secure defaults", () => {
  it("routes the platform's only Ingress, the sessions' wildcard host, to the gateway", () => {
    const ingresses = docs.filter((d) => d.kind === "Ingress");
    expect(ingresses.map((i) => i.metadata.name)).toEqual([GATEWAY_NAME]);
    const rule = ingresses[0]?.spec.rules[0];
    expect(rule.host).toBe("*.sessions.streamspace.local");
    expect(rule.http.paths.map((p: Doc) => p.backend.service.name)).toEqual([GATEWAY_NAME]);
  });

  it("puts forward-auth on a session's own Ingress", () => {
    const ingress = only<Doc>(bundle({ session: makeSession(), settings: bundleSettings() }), "Ingress");
    expect(ingress.metadata.annotations?.["nginx.ingress.kubernetes.io/auth-url"]).toMatch(
      /\/api\/v1\/auth\/session-check\?session=/,
    );
  });

  it("gives the gateway read access to Sessions, Templates and EndpointSlices, patch on Sessions and their status, and nothing else", () => {
    const role = docs.find((d) => d.kind === "Role" && d.metadata.name === GATEWAY_NAME);
    const grants = ((role?.rules ?? []) as Doc[]).flatMap((r) =>
      (r.resources as string[]).flatMap((res) => (r.verbs as string[]).map((v) => `${res}:${v}`)),
    );
    expect(grants.sort()).toEqual(
      [
        "endpointslices:get",
        "endpointslices:list",
        "endpointslices:watch",
        "sessions:get",
        "sessions:list",
        "sessions:patch",
        "sessions:watch",
        "sessions/status:patch",
        "templates:get",
        "templates:list",
        "templates:watch",
      ].sort(),
    );
    const binding = docs.find((d) => d.kind === "RoleBinding" && d.metadata.name === GATEWAY_NAME);
    expect(binding?.subjects).toEqual([
      { kind: "ServiceAccount", name: GATEWAY_NAME, namespace: "streamspace-system" },
    ]);
  });

  it("reads the ticket keys from a Secret, never from the manifests", () => {
    const deployment = docs.find((d) => d.kind === "Deployment" && d.metadata.name === GATEWAY_NAME);
    const env = deployment?.spec.template.spec.containers[0].env as Doc[];
    const keys = env.find((e) => e.name === "STREAMSPACE_TICKET_KEYS");
    expect(keys?.value).toBeUndefined();
    expect(keys?.valueFrom.secretKeyRef).toEqual({ name: "streamspace-ticket-keys", key: "keys" });
  });

  it("lets sessions be reached by the gateway's pods, and the gateway by the ingress controller", () => {
    const fromGateway = docs.find(
      (d) => d.kind === "NetworkPolicy" && d.metadata.name === "sessions-from-gateway",
    );
    expect(fromGateway?.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({
      "app.kubernetes.io/component": "gateway",
    });
    const toGateway = docs.find(
      (d) => d.kind === "NetworkPolicy" && d.metadata.name === "gateway-from-ingress-controller",
    );
    expect(toGateway?.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({
      "kubernetes.io/metadata.name": "ingress-nginx",
    });
  });
});
