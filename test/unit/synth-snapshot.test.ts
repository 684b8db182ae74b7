import { describe, expect, it } from "vitest";
import { toYaml } from "../../src/synth/manifests.js";
import {
  bundle,
  bundleSettings,
  desktopTemplate,
  type KubeObject,
  makeSession,
  webappTemplate,
} from "./fixtures/session-fixtures.js";

/**
 * Whole-bundle snapshots, to review any change to what a Session turns into. The targeted tests
 * (bundle-*.test.ts) say which parts matter and why; these catch everything else.
 * After an intended change: `npx vitest run --project unit -u test/unit/synth-snapshot.test.ts`.
 */
function yamlOf(objects: readonly KubeObject[]): string {
  return objects.map((object) => toYaml(object)).join("---\n");
}

describe("session bundle YAML", () => {
  it("for a LinuxServer.io desktop Session (host routing, per-user home)", () => {
    const objects = bundle({
      session: makeSession({ name: "alice-firefox", uid: "11111111-2222-3333-4444-555555555555" }),
      template: desktopTemplate(),
    });
    expect(objects.map((o) => o.kind).sort()).toEqual([
      "Deployment",
      "Ingress",
      "PersistentVolumeClaim",
      "Service",
    ]);
    expect(yamlOf(objects)).toMatchSnapshot();
  });

  it("for a web app Session (path routing, TLS, forward auth, per-session home, resource overrides)", () => {
    const objects = bundle({
      session: makeSession({
        name: "bob.code-server",
        uid: "66666666-7777-8888-9999-000000000000",
        spec: {
          user: "bob@example.com",
          template: "code-server",
          resources: { limits: { memory: "4Gi" } },
        },
      }),
      template: webappTemplate({
        webapp: { port: 8443, protocol: "https", healthCheck: "/healthz" },
        defaultResources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } },
      }),
      settings: bundleSettings({
        sessions: { home: { mode: "perSession", storageClassName: "nfs", size: "20Gi" } },
        ingress: {
          domain: "apps.example.com",
          routing: "path",
          tlsSecretName: "apps-tls",
          authUrl: "https://auth.example.com/oauth2/auth",
          authSignin: "https://auth.example.com/oauth2/start",
        },
      }),
    });
    expect(objects.map((o) => o.kind).sort()).toEqual([
      "Deployment",
      "Ingress",
      "PersistentVolumeClaim",
      "Service",
    ]);
    expect(yamlOf(objects)).toMatchSnapshot();
  });
});
