// What the platform lets a Template run, field by field: capabilities by Pod Security level, root
// under "restricted", images by registry (Docker Hub's implicit registry written out).
import { describe, expect, it } from "vitest";
import { imageLocation, templatePolicyProblem } from "../../src/api/validation/template-policy.js";
import { desktopTemplate } from "./fixtures/session-fixtures.js";

describe("template policy", () => {
  it("allows baseline's capabilities and refuses the others, naming the field", () => {
    const ok = desktopTemplate({
      securityContext: { addCapabilities: ["CHOWN", "CAP_SETUID", "NET_BIND_SERVICE"] },
    });
    expect(templatePolicyProblem(ok, { podSecurity: "baseline", imageRegistries: [] })).toBeUndefined();
    const bad = desktopTemplate({ securityContext: { addCapabilities: ["NET_ADMIN"] } });
    expect(templatePolicyProblem(bad, { podSecurity: "baseline", imageRegistries: [] })).toMatch(
      /^spec\.securityContext\.addCapabilities\[0\]: NET_ADMIN is not allowed/,
    );
    expect(templatePolicyProblem(bad, { podSecurity: "privileged", imageRegistries: [] })).toBeUndefined();
  });

  it("refuses root and CHOWN under restricted", () => {
    const root = desktopTemplate({ securityContext: { runAsUser: 0 } });
    expect(templatePolicyProblem(root, { podSecurity: "restricted", imageRegistries: [] })).toMatch(
      /^spec\.securityContext\.runAsUser/,
    );
    expect(templatePolicyProblem(root, { podSecurity: "baseline", imageRegistries: [] })).toBeUndefined();
    const chown = desktopTemplate({ securityContext: { addCapabilities: ["CHOWN"] } });
    expect(templatePolicyProblem(chown, { podSecurity: "restricted", imageRegistries: [] })).toMatch(/CHOWN/);
  });

  it("matches images against registries and registry paths", () => {
    expect(imageLocation("firefox")).toBe("docker.io/library/firefox");
    expect(imageLocation("jlesage/firefox:v1")).toBe("docker.io/jlesage/firefox");
    expect(imageLocation("lscr.io/linuxserver/firefox@sha256:abc")).toBe("lscr.io/linuxserver/firefox");
    expect(imageLocation("localhost:5000/app:1")).toBe("localhost:5000/app");
    const policy = { podSecurity: "baseline" as const, imageRegistries: ["lscr.io/linuxserver", "ghcr.io"] };
    expect(
      templatePolicyProblem(desktopTemplate({ baseImage: "lscr.io/linuxserver/firefox:latest" }), policy),
    ).toBeUndefined();
    expect(templatePolicyProblem(desktopTemplate({ baseImage: "ghcr.io/x/y:1" }), policy)).toBeUndefined();
    expect(
      templatePolicyProblem(desktopTemplate({ baseImage: "lscr.io/linuxserverx/evil" }), policy),
    ).toMatch(/^spec\.baseImage/);
    expect(templatePolicyProblem(desktopTemplate({ baseImage: "firefox" }), policy)).toMatch(
      /^spec\.baseImage/,
    );
  });
});
