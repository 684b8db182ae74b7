// The kubelet's readiness probe opens and closes a TCP connection to a Session's VNC port every
// second, from the node's address, which on the local cluster is also where a viewer's traffic comes
// from. A viewer who arrives after many such probes still gets the screen: a VNC server that counts
// connections which never authenticate (TigerVNC refuses a host after five, unless told not to) would
// lock the gateway out of every session a few seconds after it starts.
import { describe, expect, it } from "vitest";
import { DESKTOP_COLOUR } from "../../scripts/images/definitions.js";
import { fixtureTemplate, ON_REAL_NODE, sessionEndpoint } from "../support/real-node.js";
import { readFramebuffer, shareOf } from "../support/rfb.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

/** Probes every 1 s (the Session's Deployment): eight of them, more than TigerVNC's default five. */
const PROBES_BEFORE_VIEWER_MS = 8_000;

const ns = useReconciler("node-probed", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("desktop-test.yaml", namespace));
});

describe("a desktop Session probed for a while", () => {
  it("still shows its screen to a viewer's first connection", async () => {
    await apply(session(ns.name, "probed", { template: "desktop-test" }));
    await waitForSession(ns.name, "probed", (s) => s.status?.phase === "Running", "Running", 120_000);
    await new Promise((resolve) => setTimeout(resolve, PROBES_BEFORE_VIEWER_MS));

    const { address, port } = await sessionEndpoint(ns.name, "probed");
    // One connection, no retry: a refusal now is what a user would see.
    const screen = await readFramebuffer(address, port, 5_000);
    expect(shareOf(screen, DESKTOP_COLOUR)).toBeGreaterThan(0.95);
  });
});
