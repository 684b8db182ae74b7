// 200 viewers open and close across two gateway replicas that share the API's database: the Session's
// status counts them all (active, total, last connect and disconnect, activity), and all replicas
// together write the status at most once per interval however much viewers send. On PostgreSQL the
// replicas are two `streamspace gateway` processes; PGlite is one process's database, so there they are
// two gateways in one process, as `streamspace api` serves its own.
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import { API_GROUP, API_VERSION } from "../../src/api/schemas/index.js";
import { Informer } from "../../src/core/informer.js";
import type { Database } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { createLogger } from "../../src/telemetry/log.js";
import { ENGINES, openDatabase } from "../support/databases.js";
import {
  type GatewayEndpoint,
  opened,
  openViewer,
  signIn,
  standInSession,
  startTestGateway,
  testTicketSettings,
  useRecordingApp,
  webDesktopTemplate,
} from "../support/gateway.js";
import { startGatewayProcess } from "../support/gateway-process.js";
import { kubeConfig, useNamespace, waitFor } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const INTERVAL_S = 2;
const log = createLogger({ level: "error" });
const site = useRecordingApp();

describe.each(ENGINES)("viewer counts in the database ($engine)", (fixture) => {
  const ns = useNamespace(`gw-db-${fixture.engine}`);
  const cleanups: Array<() => Promise<void>> = [];
  let gateways: GatewayEndpoint[] = [];
  let watch: Informer<Session & KubernetesObject>;
  let writes = 0;

  beforeAll(async () => {
    await installCrds();
    await apply(webDesktopTemplate(ns.name, "kasmish"));
    await standInSession(ns.name, "shared", { template: "kasmish" }, site.app.address, site.app.port);
    watch = new Informer({
      kubeConfig: kubeConfig(),
      namespace: ns.name,
      resource: { group: API_GROUP, version: API_VERSION, plural: "sessions" },
      log,
    });
    watch.on("update", (obj, old) => {
      if (obj !== old) writes++;
    });
    watch.start();
    await watch.whenSynced();
    cleanups.push(() => watch.stop());
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

  const status = () => watch.store.get(`${ns.name}/shared`)?.status ?? {};

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
    await Promise.all(
      viewers.map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once("close", () => resolve());
            ws.close();
          }),
      ),
    );
    await waitFor(() => status().activeConnections === 0 || undefined, {
      what: "no active viewers in status",
      timeoutMs: 30_000,
    });
    expect(status().totalConnections).toBe(200);
    expect(Date.parse(status().lastDisconnect ?? "")).toBeGreaterThanOrEqual(closedFrom - 1000);

    const seconds = (Date.now() - started) / 1000;
    // One slot per interval for the whole Session, not one per replica.
    const bound = Math.ceil(seconds / INTERVAL_S) + 1;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(bound);
  });
});
