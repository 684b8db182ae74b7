// The gateway serves the viewer's build under /_streamspace/viewer/ on a session origin only to the
// Session's admitted owner, with a policy that lets its WebSocket reach that origin and nothing else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  get,
  signIn,
  standInSession,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webDesktopTemplate,
} from "../support/gateway.js";
import { useNamespace } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const ns = useNamespace("gw-viewer");
const site = useRecordingApp();
const viewerDir = mkdtempSync(join(tmpdir(), "streamspace-viewer-"));
let gw: TestGateway;

beforeAll(async () => {
  // A stand-in for the Vite build: the page and one hashed asset.
  mkdirSync(join(viewerDir, "assets"));
  writeFileSync(join(viewerDir, "index.html"), "<!doctype html><title>viewer</title>");
  writeFileSync(join(viewerDir, "assets", "main-abc123.js"), "console.log('viewer')");
  await installCrds();
  await apply(webDesktopTemplate(ns.name, "desk"));
  for (const [name, user] of [
    ["alice-desk", "alice"],
    ["bob-desk", "bob"],
  ] as const)
    await standInSession(ns.name, name, { template: "desk", user }, site.app.address, site.app.port);
  gw = await startTestGateway(ns.name, { viewerDir });
}, 60_000);

afterAll(async () => {
  await gw?.gateway.close();
  rmSync(viewerDir, { recursive: true, force: true });
});

describe("the viewer on a session origin", () => {
  it("is served to the admitted owner, under a policy that allows its WebSocket to this origin", async () => {
    const cookie = await signIn(gw, ns.name, "alice-desk");
    const origin = gw.origin("alice-desk");
    const page = await get(`${origin}/_streamspace/viewer/`, { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toBe("<!doctype html><title>viewer</title>");
    expect(page.headers["cache-control"]).toBe("no-cache");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain(`connect-src 'self' ${origin.replace("http", "ws")}`);
    expect(csp).toContain("script-src 'self';");
    const asset = await get(`${origin}/_streamspace/viewer/assets/main-abc123.js`, { Cookie: cookie });
    expect(asset).toMatchObject({ status: 200, body: "console.log('viewer')" });
    expect(asset.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    // The gateway answered itself: nothing reached the session's app.
    expect(site.app.requests.filter((r) => r.url.startsWith("/_streamspace/"))).toEqual([]);
  });

  it("is refused to anonymous callers and to the owner's cookie on another session's origin", async () => {
    expect((await get(`${gw.origin("alice-desk")}/_streamspace/viewer/`)).status).toBe(401);
    const cookie = await signIn(gw, ns.name, "alice-desk");
    expect((await get(`${gw.origin("bob-desk")}/_streamspace/viewer/`, { Cookie: cookie })).status).toBe(403);
  });
});
