import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { ENGINES, openDatabase } from "../support/databases.js";
import {
  closeAll,
  type GatewayEndpoint,
  opened,
  openViewer,
  signIn,
  startTestGateway,
  testTicketSettings,
  useRecordingApp,
  watchedSharedSession,
} from "../support/gateway.js";
import { startGatewayProcess } from "../support/gateway-process.js";
import { useNamespace, waitFor } from "../support/kube.js";

const INTERVAL_S = 2;
const site = useRecordingApp();

describe.each(ENGINES)("viewer counts in the database ($engine)", (fixture) => {
  const ns = useNamespace(`gw-db-${fixture.engine}`);
  const cleanups: Array<() => Promise<void>> = [];
  let gateways: GatewayEndpoint[] = [];
  let watched: Awaited<ReturnType<typeof watchedSharedSession>>;

  beforeAll(async () => {
    watched = await watchedSharedSession(ns.name, site.app);
    cleanups.push(() => watched.watch.stop());
    const created = await fixture.create();
    cleanups.push(created.drop);
    const tickets = testTicketSettings();
    if ("url" in created.target) {
      const url = created.target.url;
      const processes = await Promise.all(
        ["gw-a", "gw-b"].map((replica) =>
          startGatewayProcess(ns.name, tickets, replica, { trackingInterval: `${INTERVAL_S}s` }, url),
        ),
      );
      for (const g of processes) cleanups.push(() => g.stop());
      gateways = processes;
    } else {
      const db: Database = await openDatabase(created.target);
      cleanups.push(() => db.close());
      await migrate(db);
      const inProcess = await Promise.all(
        ["gw-a", "gw-b"].map((replica) =>
          startTestGateway(ns.name, {
            tickets,
            replica,
            trackingIntervalMs: INTERVAL_S * 1000,
            database: db,
          }),
        ),
      );
      for (const g of inProcess) cleanups.push(() => g.gateway.close());
      gateways = inProcess;
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  const status = () => watched.watch.store.get(`${ns.name}/shared`)?.status ?? {};

  it("puts 200 viewers over two replicas in status, writing at most once per interval in all", async () => {
    const cookies = await Promise.all(gateways.map((g) => signIn(g, ns.name, "shared")));
    const started = Date.now();
    const viewers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const ws = openViewer(gateways[i % 2] as GatewayEndpoint, "shared", cookies[i % 2]);
        await opened(ws);
        return ws;
      }),
    );
    // Heartbeats: every viewer sends every 100 ms, thousands of messages in all.
    const heartbeat = setInterval(() => {
      for (const ws of viewers) ws.send("ping");
    }, 100);
    await waitFor(() => status().activeConnections === 200 || undefined, {
      what: "200 active viewers in status",
      timeoutMs: 30_000,
    });
    expect(status().totalConnections).toBe(200);
    const connectedAt = Date.parse(status().lastConnection ?? "");
    expect(connectedAt).toBeGreaterThanOrEqual(started);
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_S * 1000));
    clearInterval(heartbeat);
    await waitFor(() => Date.parse(status().lastActivity ?? "") > connectedAt || undefined, {
      what: "the heartbeats' activity in status",
      timeoutMs: 30_000,
    });
    const closedFrom = Date.now();
    await closeAll(viewers);
    await waitFor(() => status().activeConnections === 0 || undefined, {
      what: "no active viewers in status",
      timeoutMs: 30_000,
    });
    expect(status().totalConnections).toBe(200);
    expect(Date.parse(status().lastDisconnect ?? "")).toBeGreaterThanOrEqual(closedFrom - 1000);

    const seconds = (Date.now() - started) / 1000;
    // One slot per interval for the whole Session, not one per replica.
    const bound = Math.ceil(seconds / INTERVAL_S) + 1;
    expect(watched.writes()).toBeGreaterThan(0);
    expect(watched.writes()).toBeLessThanOrEqual(bound);
  });
});
