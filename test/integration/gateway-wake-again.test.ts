// A Session that hibernates again soon after being woken is woken again by the next request: each
// hibernation gets its own wake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  get,
  serveSessionFrom,
  signIn,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webAppTemplate,
} from "../support/gateway.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const site = useRecordingApp();
let gw: TestGateway;
const ns = useReconciler("gw-wake2", { sessions: { idleWarning: "1s" } }, async (namespace) => {
  await apply(webAppTemplate(namespace, "notes"));
});

beforeAll(async () => {
  gw = await startTestGateway(ns.name, { wakeHoldMs: 20_000 });
}, 60_000);

afterAll(() => gw?.gateway.close());

describe("wake on access, twice in a row", () => {
  it("wakes each hibernation, however soon it follows the last wake", async () => {
    await apply(session(ns.name, "blink", { template: "notes", idleTimeout: "2s" }));
    await serveSessionFrom(ns.name, "blink", site.app.address, site.app.port);
    await waitForSession(ns.name, "blink", (s) => s.status?.phase === "Running", "Running");
    const cookie = await signIn(gw, ns.name, "blink");
    for (const round of [1, 2, 3]) {
      await waitForSession(
        ns.name,
        "blink",
        (s) => s.status?.phase === "Hibernated",
        `hibernated (${round})`,
      );
      const res = await get(`${gw.origin("blink")}/round-${round}`, { Cookie: cookie });
      expect(res.status, `round ${round}`).toBe(200);
    }
  });
});
