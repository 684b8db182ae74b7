import { afterEach, expect, test } from "vitest";
import { METRICS } from "../../src/api/metrics.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { ReconcilerMetrics } from "../../src/telemetry/metrics.js";
import { startTelemetryServer, type TelemetryServer } from "../../src/telemetry/server.js";

let server: TelemetryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("serves /metrics, /healthz and a /readyz that names the failing check", async () => {
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  let synced = false;
  server = await startTelemetryServer({
    port: 0,
    host: "127.0.0.1",
    registry: metrics.registry,
    readiness: { informers: () => synced, leaderElection: () => true },
    log: silentLogger,
  });
  const base = `http://127.0.0.1:${server.port}`;

  const m = await fetch(`${base}/metrics`);
  expect(m.status).toBe(200);
  expect(m.headers.get("content-type")).toContain("text/plain");
  expect(await m.text()).toContain(METRICS.reconcileTotal);

  expect((await fetch(`${base}/healthz`)).status).toBe(200);

  let ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(503);
  const body = await ready.text();
  expect(body).toContain("[-]informers failed");
  expect(body).toContain("[+]leaderElection ok");

  synced = true;
  ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);

  expect((await fetch(`${base}/nope`)).status).toBe(404);
});

test("a readiness check that throws counts as not ready", async () => {
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  server = await startTelemetryServer({
    port: 0,
    host: "127.0.0.1",
    registry: metrics.registry,
    readiness: {
      leaderElection: () => {
        throw new Error("no lease yet");
      },
    },
    log: silentLogger,
  });
  expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(503);
});
