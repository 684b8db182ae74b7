// A desktop whose VNC server speaks plain RFB is reached by a browser viewer through the gateway's
// WebSocket bridge: a real x11vnc behind the Session's Service, a real RFB handshake, and the picture
// on the remote screen arrives with the right pixels.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  opened,
  openViewer,
  signIn,
  standInSession,
  startTestGateway,
  type TestGateway,
} from "../support/gateway.js";
import { useNamespace } from "../support/kube.js";
import { type Framebuffer, readScreen } from "../support/rfb-client.js";
import { apply, desktopTemplate, installCrds } from "../support/streamspace.js";
import { startTestHost, type TestHost } from "../support/test-host.js";
import { startVncServer, type VncServer } from "../support/vnc-server.js";

const ns = useNamespace("gw-vnc");
let host: TestHost;
let vnc: VncServer;
let gw: TestGateway;

beforeAll(async () => {
  await installCrds();
  host = await startTestHost();
  vnc = await startVncServer(host, { colour: "#3366cc", width: 320, height: 240 });
  await apply(desktopTemplate(ns.name, "xdesk", { vnc: { enabled: true, port: 5900, protocol: "rfb" } }));
  await standInSession(ns.name, "desk", { template: "xdesk" }, host.address, vnc.port);
  gw = await startTestGateway(ns.name);
}, 60_000);

afterAll(async () => {
  await gw?.gateway.close();
  await vnc?.stop();
  await host?.stop();
});

describe("the VNC bridge", () => {
  it("carries a real RFB session: handshake, then a frame with the known picture", async () => {
    const cookie = await signIn(gw, ns.name, "desk", "alice");
    const ws = openViewer(gw, "desk", cookie, "/", ["binary"]);
    await opened(ws);
    expect(ws.protocol).toBe("binary");
    const points = [
      [0, 0],
      [300, 20],
      [40, 200],
      [319, 239],
    ] as const;
    const blue = (fb: Framebuffer) => points.every(([x, y]) => fb.pixel(x, y).join() === "51,102,204");
    const frame = await readScreen(ws, blue);
    expect([frame.width, frame.height]).toEqual([320, 240]);
    for (const [x, y] of points) expect(frame.pixel(x, y)).toEqual([0x33, 0x66, 0xcc]);
    ws.close();
  });

  it("does not open for a viewer without the session cookie", async () => {
    const ws = openViewer(gw, "desk", undefined);
    await expect(opened(ws)).rejects.toThrow(/HTTP 401/);
  });
});
