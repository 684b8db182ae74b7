// Changing a running Session's Template to another image replaces its pod on the real node with one
// of the new image: the desktop then shows what the new image draws.
import { describe, expect, it } from "vitest";
import {
  DESKTOP_COLOUR,
  DESKTOP_GREEN_COLOUR,
  DESKTOP_TEST_GREEN_IMAGE,
  DESKTOP_TEST_IMAGE,
} from "../../scripts/images/definitions.js";
import { kubectlJson } from "../support/kube.js";
import { fixtureTemplate, ON_REAL_NODE, sessionScreen } from "../support/real-node.js";
import { pixelAt } from "../support/rfb.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("node-roll", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("desktop-test.yaml", namespace));
});

describe("a Template change on the real node", () => {
  it("rolls the Session's pod onto the new image", async () => {
    await apply(session(ns.name, "roll", { template: "desktop-test" }));
    const before = await waitForSession(
      ns.name,
      "roll",
      (s) => s.status?.phase === "Running",
      "Running",
      120_000,
    );
    expect(pixelAt(await sessionScreen(ns.name, "roll"), 10, 10)).toEqual(DESKTOP_COLOUR);

    await apply(fixtureTemplate("desktop-test.yaml", ns.name, { baseImage: DESKTOP_TEST_GREEN_IMAGE }));
    const after = await waitForSession(
      ns.name,
      "roll",
      (s) => s.status?.phase === "Running" && s.status.podName !== before.status?.podName,
      "Running in a new pod",
      120_000,
    );
    const pod = await kubectlJson<{ status: { containerStatuses: { image: string }[] } }>([
      "get",
      "pod",
      after.status?.podName ?? "",
      "-n",
      ns.name,
    ]);
    expect(pod.status.containerStatuses.map((c) => c.image)).toEqual([DESKTOP_TEST_GREEN_IMAGE]);
    expect(DESKTOP_TEST_GREEN_IMAGE).not.toBe(DESKTOP_TEST_IMAGE);
    expect(pixelAt(await sessionScreen(ns.name, "roll"), 10, 10)).toEqual(DESKTOP_GREEN_COLOUR);
  });
});
