// A Session of the desktop test Template really runs: Running only once its pod on the real node is
// Ready, and a VNC client at the address its Service's endpoints give sees the image's known drawing.
import { describe, expect, it } from "vitest";
import { REAL_NODE_NAME } from "../../scripts/cluster/real-node.js";
import { DESKTOP_COLOUR } from "../../scripts/images/definitions.js";
import { kubectlJson } from "../support/kube.js";
import { fixtureTemplate, ON_REAL_NODE, sessionEndpoint, sessionScreen } from "../support/real-node.js";
import { pixelAt, shareOf } from "../support/rfb.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("node-desktop", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("desktop-test.yaml", namespace));
});

interface Pod {
  spec: { nodeName?: string };
  status: { conditions?: { type: string; status: string; lastTransitionTime: string }[] };
}

describe("a desktop Session on the real node", () => {
  it("is Running once its pod is Ready, and its VNC endpoint shows the known drawing", async () => {
    await apply(session(ns.name, "desk", { template: "desktop-test" }));
    const running = await waitForSession(
      ns.name,
      "desk",
      (s) => s.status?.phase === "Running",
      "Running",
      120_000,
    );

    const pod = await kubectlJson<Pod>(["get", "pod", running.status?.podName ?? "", "-n", ns.name]);
    expect(pod.spec.nodeName).toBe(REAL_NODE_NAME);
    const podReady = pod.status.conditions?.find((c) => c.type === "Ready");
    expect(podReady?.status).toBe("True");
    // Conditions have second resolution: Running was not reported before the second the pod got Ready.
    const readyAt = Date.parse(running.status?.readyAt ?? "");
    expect(readyAt).toBeGreaterThanOrEqual(
      Math.floor(Date.parse(podReady?.lastTransitionTime ?? "") / 1000) * 1000,
    );

    const endpoint = await sessionEndpoint(ns.name, "desk");
    expect(endpoint.pod).toBe(running.status?.podName);
    const screen = await sessionScreen(ns.name, "desk");
    expect([screen.width, screen.height]).toEqual([640, 480]);
    // The whole screen is the drawing, but for the pointer (a VNC server may draw it, at the centre at first).
    for (const [x, y] of [
      [0, 0],
      [639, 0],
      [0, 479],
      [639, 479],
      [100, 300],
    ] as const)
      expect(pixelAt(screen, x, y)).toEqual(DESKTOP_COLOUR);
    expect(shareOf(screen, DESKTOP_COLOUR)).toBeGreaterThan(0.99);
  });
});
