import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/api/validation/validate.js";
import { bundle, bundleSettings, deploymentOf } from "./fixtures/session-fixtures.js";

const realNode = {
  nodeSelector: { "streamspace.io/node": "real" },
  tolerations: [{ key: "streamspace.io/node", operator: "Equal", value: "real", effect: "NoSchedule" }],
};

function podSpec(sessions: Record<string, unknown>) {
  return deploymentOf(bundle({ settings: bundleSettings({ sessions }) })).spec.template.spec;
}

describe("the platform config places session pods on nodes", () => {
  it("with sessions.nodeSelector and sessions.tolerations copied into the pod spec", () => {
    const pod = podSpec(realNode);
    expect(pod.nodeSelector).toEqual(realNode.nodeSelector);
    expect(pod.tolerations).toEqual(realNode.tolerations);
  });

  it("and leaves placement to the scheduler by default", () => {
    const pod = podSpec({});
    expect(pod).not.toHaveProperty("nodeSelector");
    expect(pod).not.toHaveProperty("tolerations");
  });

  it("refuses a toleration that a pod spec would refuse, naming the field", () => {
    const bad = () => bundleSettings({ sessions: { tolerations: [{ key: "a", effect: "Sometimes" }] } });
    expect(bad).toThrow(ValidationError);
    expect(bad).toThrow(/sessions\.tolerations\[0\]\.effect: must be one of "NoSchedule"/);
  });
});
