// An image that asks for credentials (Kasm: basic auth with VNC_PW) gets them from the gateway; the
// user is never asked for them and never sees them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  get,
  opened,
  openViewer,
  serveSessionFrom,
  setPhase,
  signIn,
  startTestGateway,
  type TestGateway,
} from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { type RecordingApp, startRecordingApp } from "../support/recording-app.js";
import { apply, desktopTemplate, installCrds, session } from "../support/streamspace.js";
import { startTestHost, type TestHost } from "../support/test-host.js";

const ns = useNamespace("gw-creds");
let host: TestHost;
let app: RecordingApp;
let gw: TestGateway;
const BASIC = `Basic ${Buffer.from("kasm_user:s3cret-pw").toString("base64")}`;

beforeAll(async () => {
  await installCrds();
  host = await startTestHost();
  app = await startRecordingApp(host);
  await apply(
    desktopTemplate(ns.name, "kasm-desk", {
      baseImage: "kasmweb/desktop:1.16.0",
      vnc: { enabled: true, port: 8080, protocol: "websocket" },
      env: [{ name: "VNC_PW", value: "s3cret-pw" }],
    }),
  );
  await apply(session(ns.name, "kd", { template: "kasm-desk" }));
  await setPhase(ns.name, "kd", "Running");
  await serveSessionFrom(ns.name, "kd", app.address, app.port);
  gw = await startTestGateway(ns.name);
}, 60_000);

afterAll(async () => {
  await gw?.gateway.close();
  await host?.stop();
});

describe("image credentials", () => {
  it("are added to the app's requests and WebSockets, replacing the user's, and never shown", async () => {
    const cookie = await signIn(gw, ns.name, "kd");
    const res = await get(`${gw.origin("kd")}/vnc.html`, {
      Cookie: cookie,
      Authorization: "Basic bWFsbG9yeTp4",
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.headers) + res.body).not.toContain("s3cret");
    const page = await waitFor(() => app.requests.find((r) => r.url === "/vnc.html"), {
      what: "the page request",
    });
    expect(page.headers.authorization).toBe(BASIC);

    const viewer = openViewer(gw, "kd", cookie, "/websockify");
    await opened(viewer);
    const socket = await waitFor(() => app.requests.find((r) => r.url === "/websockify"), {
      what: "the viewer",
    });
    expect(socket.headers.authorization).toBe(BASIC);
    viewer.close();
  });
});
