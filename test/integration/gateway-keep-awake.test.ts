// "Keep working" on the idle warning: a POST from the session's own page records activity on the
// Session (which pushes idle hibernation back); another site's page cannot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAST_ACTIVITY_ANNOTATION } from "../../src/api/labels.js";
import {
  get,
  signIn,
  standInSession,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webAppTemplate,
} from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { apply, getSession, installCrds } from "../support/streamspace.js";

const ns = useNamespace("gw-awake");
const site = useRecordingApp();
let gw: TestGateway;

beforeAll(async () => {
  await installCrds();
  await apply(webAppTemplate(ns.name, "notes"));
  await standInSession(ns.name, "s", { template: "notes" }, site.app.address, site.app.port);
  gw = await startTestGateway(ns.name, { trackingIntervalMs: 500 });
}, 60_000);

afterAll(() => gw?.gateway.close());

describe("keep awake", () => {
  it("records activity for the session's own page, and refuses another origin", async () => {
    const cookie = await signIn(gw, ns.name, "s");
    const url = `${gw.origin("s")}/_streamspace/keep-awake`;
    expect((await get(url, { Cookie: cookie, Origin: "https://evil.example" }, "POST")).status).toBe(403);
    expect((await get(url, { Cookie: cookie }, "GET")).status).toBe(405);
    expect(
      (await getSession(ns.name, "s")).metadata?.annotations?.[LAST_ACTIVITY_ANNOTATION],
    ).toBeUndefined();

    const pressed = Date.now();
    expect((await get(url, { Cookie: cookie, Origin: gw.origin("s") }, "POST")).status).toBe(204);
    const recorded = await waitFor(
      async () => (await getSession(ns.name, "s")).metadata?.annotations?.[LAST_ACTIVITY_ANNOTATION],
      { what: "the activity annotation" },
    );
    expect(Date.parse(recorded)).toBeGreaterThanOrEqual(pressed - 1000);
  });
});
