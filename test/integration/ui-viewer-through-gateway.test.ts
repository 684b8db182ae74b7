// The portal's viewer page, through the real API and the gateway it serves in-process (as `streamspace
// api` does): signed in, the user opens a desktop Session, the portal asks /connect and frames the
// session origin's viewer (served by the gateway after the ticket exchange), and the canvas shows the
// real VNC server's picture (Xvfb + x11vnc on a test host, behind the Session's EndpointSlice).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ephemeralTicketSettings } from "../../src/gateway/ticket.js";
import { useApi } from "../support/api.js";
import { launchStandIn } from "../support/api-sessions.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";
import {
  buildPortal,
  centrePixel,
  PORTAL_CONFIG,
  sessionFrame,
  signInThroughForm,
  useBrowser,
  VIEWER_CONFIG,
} from "../support/portal.js";
import { desktopTemplate } from "../support/streamspace.js";
import { startTestHost, TEST_HOST_NETWORK, type TestHost } from "../support/test-host.js";
import { freePort, startVncServer, type VncServer } from "../support/vnc-server.js";

const COLOUR = [0x33, 0x66, 0xcc] as const;
const [pglite] = ENGINES;
if (!pglite) throw new Error("no pglite engine");
const uiDir = mkdtempSync(join(tmpdir(), "streamspace-ui-"));
const viewerDir = mkdtempSync(join(tmpdir(), "streamspace-viewer-"));
const ns = useNamespace("ui-viewer-gw");
let gatewayPort = 0;
const h = useApi(
  () => ns.name,
  pglite,
  async () => {
    await buildPortal(PORTAL_CONFIG, uiDir);
    await buildPortal(VIEWER_CONFIG, viewerDir);
    gatewayPort = await freePort();
    return {
      ui: { dir: uiDir },
      gateway: {
        tickets: ephemeralTicketSettings(),
        serve: { port: gatewayPort, metricsPort: 0, host: "127.0.0.1", viewerDir },
      },
      config: { gateway: { backendNetworks: TEST_HOST_NETWORK } },
    };
  },
);
// Signed out, the portal asks /api/v1/me once to learn so; the browser logs that 401 itself.
const browser = useBrowser(
  "ui-viewer-through-gateway",
  (text, url) => url.endsWith("/api/v1/me") && text.includes("401"),
);
let host: TestHost | undefined;
let vnc: VncServer | undefined;
let session = "";

beforeAll(async () => {
  host = await startTestHost();
  vnc = await startVncServer(host, { colour: "#3366cc", width: 320, height: 240 });
  // No reconciler here: the Session is made Running, and x11vnc put behind its Service, by hand.
  session = await launchStandIn(
    h,
    desktopTemplate(ns.name, "xdesk", { vnc: { enabled: true, port: 5900, protocol: "rfb" } }),
    "alice",
    { address: host.address, port: vnc.port },
  );
}, 180_000);

afterAll(async () => {
  await vnc?.stop();
  await host?.stop();
  rmSync(uiDir, { recursive: true, force: true });
  rmSync(viewerDir, { recursive: true, force: true });
});

test("the portal's viewer draws the session's screen through the API's gateway", async () => {
  const page = await browser.newPage("viewer");
  await signInThroughForm(page, h.url, "alice");
  await page.goto(`${h.url}/sessions/${session}`);
  const viewer = page.frameLocator(`iframe[title="Session ${session}"]`);
  await viewer.getByRole("status").getByText("Connected").waitFor({ timeout: 30_000 });
  const frame = sessionFrame(page, session, gatewayPort);
  expect(new URL(frame.url()).pathname).toBe("/_streamspace/viewer/");
  await expect.poll(() => centrePixel(frame), { timeout: 10_000 }).toEqual([...COLOUR]);
  await browser.screenshot(page, "connected");
}, 90_000);
