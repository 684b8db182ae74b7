// The reconciler's idle hibernation follows real use seen by the gateway: a Session whose viewer
// keeps sending stays up past its idle timeout, one nobody uses hibernates, and its viewer is told
// before it does (an idle-warning event). With the gateway's counts as annotations, and summed in the
// database and written to status (PostgreSQL here; the store's SQL is the same on PGlite, which
// gateway-connection-counts-database.test.ts covers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { ENGINES, openDatabase } from "../support/databases.js";
import {
  followEvents,
  opened,
  openViewer,
  serveSessionFrom,
  signIn,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webDesktopTemplate,
} from "../support/gateway.js";
import { waitFor } from "../support/kube.js";
import { apply, getSession, session, useReconciler, waitForSession } from "../support/streamspace.js";

const site = useRecordingApp();
const STORES = [
  { store: "annotations", engine: undefined },
  ...ENGINES.filter((e) => e.engine === "postgres").map((e) => ({ store: e.engine, engine: e })),
];

describe.each(STORES)("idle hibernation with the gateway's counts in $store", ({ store, engine }) => {
  let gw: TestGateway;
  const cleanups: Array<() => Promise<void>> = [];
  const ns = useReconciler(`gw-idle-${store}`, { sessions: { idleWarning: "4s" } }, async (namespace) => {
    await apply(webDesktopTemplate(namespace, "kasmish"));
  });

  beforeAll(async () => {
    for (const name of ["busy", "quiet"]) {
      await apply(session(ns.name, name, { template: "kasmish", idleTimeout: "10s" }));
      await serveSessionFrom(ns.name, name, site.app.address, site.app.port);
    }
    let database: Database | undefined;
    if (engine) {
      const created = await engine.create();
      cleanups.push(created.drop);
      const db = await openDatabase(created.target);
      cleanups.push(() => db.close());
      await migrate(db);
      database = db;
    }
    gw = await startTestGateway(ns.name, {
      trackingIntervalMs: 2000,
      idleWarning: "4s",
      ...(database ? { database } : {}),
    });
  }, 60_000);

  afterAll(async () => {
    await gw?.gateway.close();
    for (const c of cleanups.reverse()) await c();
  });

  it("keeps a Session with traffic running, and hibernates one without after warning its viewer", async () => {
    // A loaded machine (CI, other helpers) may take a while to start them.
    for (const name of ["busy", "quiet"])
      await waitForSession(ns.name, name, (s) => s.status?.phase === "Running", "Running", 90_000);
    const busyCookie = await signIn(gw, ns.name, "busy");
    const quietCookie = await signIn(gw, ns.name, "quiet");
    const viewer = openViewer(gw, "busy", busyCookie);
    await opened(viewer);
    const typing = setInterval(() => viewer.send("key"), 1000);
    try {
      const stream = followEvents(gw, "quiet", quietCookie);
      const data = await waitFor(() => stream.events.find((e) => e.event === "idle-warning")?.data, {
        what: "the idle warning",
      });
      stream.close();
      const warning = JSON.parse(data) as { hibernateAt: string };
      expect(Date.parse(warning.hibernateAt)).toBeGreaterThan(Date.now() - 1000);
      const quiet = await waitForSession(
        ns.name,
        "quiet",
        (s) => s.status?.phase === "Hibernated",
        "hibernated",
        40_000,
      );
      expect(quiet.status?.reason).toBe("IdleTimeout");
      // Past the busy Session's idle timeout twice over, it is still up.
      await new Promise((r) => setTimeout(r, 12_000));
      expect((await getSession(ns.name, "busy")).status?.phase).toBe("Running");
    } finally {
      clearInterval(typing);
      viewer.close();
    }
  });
});
