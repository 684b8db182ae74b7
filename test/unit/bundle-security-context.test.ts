import { describe, expect, it } from "vitest";
import type { Template } from "../../src/api/generated/types.js";
import {
  bundle,
  deploymentOf,
  desktopTemplate,
  makeSession,
  webappTemplate,
} from "./fixtures/session-fixtures.js";

function podSpecFor(template: Template) {
  return deploymentOf(bundle({ session: makeSession(), template })).spec.template.spec;
}

describe("a session pod's security context", () => {
  for (const [label, template] of [
    ["desktop", desktopTemplate()],
    ["web app", webappTemplate()],
  ] as const) {
    it(`is strict by default (${label} Template without a securityContext)`, () => {
      expect(template.spec.securityContext).toBeUndefined();
      const pod = podSpecFor(template);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser ?? 1).not.toBe(0);
      expect(pod.securityContext.seccompProfile).toEqual({ type: "RuntimeDefault" });
      expect(pod.containers).toHaveLength(1);
      for (const container of pod.containers) {
        expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(container.securityContext.privileged ?? false).toBe(false);
        expect(container.securityContext.capabilities?.drop).toEqual(["ALL"]);
        expect(container.securityContext.capabilities?.add ?? []).toEqual([]);
      }
    });
  }

  it("a Template that runs as root gets root, and exactly the capabilities it declares", () => {
    const added = ["CHOWN", "SETUID", "SETGID", "DAC_OVERRIDE"];
    const pod = podSpecFor(desktopTemplate({ securityContext: { runAsUser: 0, addCapabilities: added } }));
    // runAsNonRoot would stop the pod from starting at all.
    expect(pod.securityContext.runAsNonRoot).toBe(false);
    expect(pod.securityContext.runAsUser).toBe(0);
    expect(pod.securityContext.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(pod.automountServiceAccountToken).toBe(false);
    const container = pod.containers[0];
    expect(container?.securityContext.capabilities?.add).toEqual(added);
    expect(container?.securityContext.capabilities?.drop).toEqual(["ALL"]);
    // Still no way to gain more than that.
    expect(container?.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container?.securityContext.privileged ?? false).toBe(false);
  });

  it("a Template adding capabilities but not asking for root stays non-root", () => {
    const pod = podSpecFor(webappTemplate({ securityContext: { addCapabilities: ["NET_BIND_SERVICE"] } }));
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser ?? 1).not.toBe(0);
    expect(pod.containers[0]?.securityContext.capabilities).toEqual({
      drop: ["ALL"],
      add: ["NET_BIND_SERVICE"],
    });
  });

  it("a Template's own non-root user is used as declared", () => {
    const pod = podSpecFor(webappTemplate({ securityContext: { runAsUser: 1001, runAsGroup: 1002 } }));
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1002 });
  });
});
