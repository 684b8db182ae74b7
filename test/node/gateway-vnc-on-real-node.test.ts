// A desktop Session on the real node, reached the way a browser reaches it: through the gateway's
// WebSocket bridge to the endpoints of the Session's Service. A real RFB handshake with the pod's
// VNC server, then a framebuffer update whose pixels are the image's known drawing.
import { afterAll, describe, expect, it } from "vitest";
import { DESKTOP_COLOUR } from "../../scripts/images/definitions.js";
import { opened, openViewer, signIn, startTestGateway, type TestGateway } from "../support/gateway.js";
import { fixtureTemplate, ON_REAL_NODE, sessionEndpoint } from "../support/real-node.js";
import { type Framebuffer, readScreen } from "../support/rfb-client.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("node-gw-vnc", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("desktop-test.yaml", namespace));
});
let gw: TestGateway | undefined;

afterAll(async () => {
  await gw?.gateway.close();
});

const colour = [DESKTOP_COLOUR.red, DESKTOP_COLOUR.green, DESKTOP_COLOUR.blue];

describe("the gateway in front of a desktop on the real node", () => {
  it("bridges a browser viewer's WebSocket to the pod's VNC server: handshake, then the known picture", async () => {
    await apply(session(ns.name, "desk", { template: "desktop-test" }));
    await waitForSession(ns.name, "desk", (s) => s.status?.phase === "Running", "Running", 120_000);
    const endpoint = await sessionEndpoint(ns.name, "desk");
    // The pod's own network, as the chart's gateway.backendNetworks names the pod network.
    gw = await startTestGateway(ns.name, { backendNetworks: [`${endpoint.address}/32`] });
    const cookie = await signIn(gw, ns.name, "desk", "alice");
    const ws = openViewer(gw, "desk", cookie, "/", ["binary"]);
    await opened(ws);
    // The whole screen is the drawing but for the pointer (a VNC server may draw it at the centre at first).
    const points = [
      [0, 0],
      [639, 0],
      [0, 479],
      [639, 479],
      [100, 300],
    ] as const;
    const drawn = (fb: Framebuffer) => points.every(([x, y]) => fb.pixel(x, y).join() === colour.join());
    const frame = await readScreen(ws, drawn, 20_000);
    expect([frame.width, frame.height]).toEqual([640, 480]);
    for (const [x, y] of points) expect(frame.pixel(x, y)).toEqual(colour);
    ws.close();
  });
});
