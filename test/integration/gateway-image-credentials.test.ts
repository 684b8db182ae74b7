// An image that asks for credentials (Kasm: basic auth with VNC_PW) gets them from the gateway; the
// user is never asked for them and never sees them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  get,
  opened,
  openViewer,
  signIn,
  standInSession,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webDesktopTemplate,
} from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const ns = useNamespace("gw-creds");
const site = useRecordingApp();
let gw: TestGateway;
const BASIC = `Basic ${Buffer.from("kasm_user:s3cret-pw").toString("base64")}`;

beforeAll(async () => {
  await installCrds();
  await apply(
    webDesktopTemplate(ns.name, "kasm-desk", {
      baseImage: "kasmweb/desktop:1.16.0",
      env: [{ name: "VNC_PW", value: "s3cret-pw" }],
    }),
  );
  await standInSession(ns.name, "kd", { template: "kasm-desk" }, site.app.address, site.app.port);
  gw = await startTestGateway(ns.name);
}, 60_000);

afterAll(() => gw?.gateway.close());

describe("image credentials", () => {
  it("are added to the app's requests and WebSockets, replacing the user's, and never shown", async () => {
    const cookie = await signIn(gw, ns.name, "kd");
    const res = await get(`${gw.origin("kd")}/vnc.html`, {
      Cookie: cookie,
      Authorization: "Basic bWFsbG9yeTp4",
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.headers) + res.body).not.toContain("s3cret");
    const page = await waitFor(() => site.app.requests.find((r) => r.url === "/vnc.html"), {
      what: "the page request",
    });
    expect(page.headers.authorization).toBe(BASIC);

    const viewer = openViewer(gw, "kd", cookie, "/websockify");
    await opened(viewer);
    const socket = await waitFor(() => site.app.requests.find((r) => r.url === "/websockify"), {
      what: "the viewer",
    });
    expect(socket.headers.authorization).toBe(BASIC);
    viewer.close();
  });
});
