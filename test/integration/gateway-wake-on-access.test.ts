// A request for an idle-hibernated Session wakes it and is held until the Session is Running again,
// then answered by the app; a browser meanwhile gets a "starting" page that follows the wake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  followEvents,
  get,
  serveSessionFrom,
  signIn,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webAppTemplate,
} from "../support/gateway.js";
import { waitFor } from "../support/kube.js";
import { apply, getSession, session, useReconciler, waitForSession } from "../support/streamspace.js";

const site = useRecordingApp();
let gw: TestGateway;
const ns = useReconciler("gw-wake", { sessions: { idleWarning: "1s" } }, async (namespace) => {
  await apply(webAppTemplate(namespace, "notes"));
});

beforeAll(async () => {
  gw = await startTestGateway(ns.name);
}, 60_000);

afterAll(() => gw?.gateway.close());

describe("wake on access", () => {
  it("wakes an idle-hibernated Session and answers the held request once it is Running", async () => {
    await apply(session(ns.name, "nap", { template: "notes", idleTimeout: "3s" }));
    // The kwok pod's address leads nowhere; the test's app stands in for the pod's process.
    await serveSessionFrom(ns.name, "nap", site.app.address, site.app.port);
    await waitForSession(ns.name, "nap", (s) => s.status?.phase === "Running", "Running");
    const cookie = await signIn(gw, ns.name, "nap");
    await waitForSession(ns.name, "nap", (s) => s.status?.phase === "Hibernated", "idle-hibernated", 30_000);

    const progress = followEvents(gw, "nap", cookie);
    const page = await get(`${gw.origin("nap")}/`, { Cookie: cookie, Accept: "text/html" });
    expect(page.status).toBe(503);
    expect(page.body).toContain("Starting your session");
    expect(page.body).toContain('new EventSource("/_streamspace/events")');

    const started = Date.now();
    const res = await get(`${gw.origin("nap")}/after-wake`, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.body).toBe("hello from the app");
    await waitFor(() => site.app.requests.find((r) => r.url === "/after-wake"), { what: "the app's record" });
    // What the starting page follows: starting, then ready (it then reloads itself).
    const states = await waitFor(
      () => {
        const s = progress.events.filter((e) => e.event === "state").map((e) => JSON.parse(e.data).state);
        return s.includes("ready") ? s : undefined;
      },
      { what: "the ready event" },
    );
    progress.close();
    expect(states[0]).toBe("starting");
    const woken = await getSession(ns.name, "nap");
    expect(Date.parse(woken.status?.readyAt ?? "")).toBeGreaterThanOrEqual(started - 1000);
    expect(
      await gw.gateway.metrics.registry.getSingleMetricAsString("streamspace_gateway_wake_wait_seconds"),
    ).toMatch(/streamspace_gateway_wake_wait_seconds_count\{result="ready"\} [1-9]/);
  });
});
