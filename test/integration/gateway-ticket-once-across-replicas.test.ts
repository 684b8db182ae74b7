// A ticket works on whichever gateway replica the load balancer sends it to, and only once across all
// of them: replicas spend tickets in the API's database. PostgreSQL replicas each have their own pool;
// PGlite's share one handle (one process's database).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { ENGINES, openDatabase } from "../support/databases.js";
import {
  get,
  standInSession,
  startTestGateway,
  type TestGateway,
  testTicketSettings,
  ticketFor,
  useRecordingApp,
  webDesktopTemplate,
} from "../support/gateway.js";
import { useNamespace } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const site = useRecordingApp();

describe.each(ENGINES)("tickets across replicas ($engine)", (fixture) => {
  const ns = useNamespace(`gw-once-${fixture.engine}`);
  const cleanups: Array<() => Promise<void>> = [];
  let replicas: TestGateway[] = [];

  beforeAll(async () => {
    await installCrds();
    await apply(webDesktopTemplate(ns.name, "kasmish"));
    await standInSession(ns.name, "app", { template: "kasmish" }, site.app.address, site.app.port);
    const created = await fixture.create();
    cleanups.push(created.drop);
    const first = await openDatabase(created.target);
    cleanups.push(() => first.close());
    await migrate(first);
    const second: Database = fixture.engine === "postgres" ? await openDatabase(created.target) : first;
    if (second !== first) cleanups.push(() => second.close());
    const tickets = testTicketSettings();
    replicas = await Promise.all(
      [first, second].map((database, i) =>
        startTestGateway(ns.name, { tickets, replica: `gw-${i}`, database }),
      ),
    );
    for (const r of replicas) cleanups.push(() => r.gateway.close());
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("admits a ticket on the replica that redeems it, and refuses it on every replica after", async () => {
    const [a, b] = replicas as [TestGateway, TestGateway];
    const ticket = await ticketFor(a, ns.name, "app", "alice");
    const redeem = (gw: TestGateway) => get(`${gw.origin("app")}/_streamspace/auth?ticket=${ticket}`);
    const first = await redeem(b);
    expect(first.status).toBe(303);
    expect(String(first.headers["set-cookie"])).toMatch(/^streamspace-session=/);
    expect((await redeem(a)).status).toBe(403);
    expect((await redeem(b)).status).toBe(403);
  });
});
