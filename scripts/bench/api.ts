/**
 * `npm run bench -- api`: the API under 100 concurrent clients (autocannon), with 500 users and 5,000
 * Sessions in the cluster (no reconciler: list and create only touch the API server and the cache), on
 * PGlite and on PostgreSQL. Baseline in the same run: a trivial Fastify route. Uses the cluster
 * KUBECONFIG names when it answers, else starts (and afterwards stops) one named bench-api.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { kubeRequest } from "../../src/core/kube-http.js";
import { type KubeConfig, loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { type DatabaseTarget, openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { hashPassword } from "../../src/identity/passwords.js";
import { startApi } from "../../src/server/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { startPostgres } from "../../test/support/postgres-server.js";
import { down, up } from "../cluster/cluster.js";
import { kubectl, progress } from "./sessions-support.js";

const USERS = 500;
const SESSIONS = 5_000;
const CONNECTIONS = 100;
const DURATION_S = 15;
const CREATES = 1_000;
const PASSWORD = "bench password 1";

type Result = { label: string; p50: number; p99: number; rps: number; errors: number };

async function cannon(label: string, opts: autocannon.Options): Promise<Result> {
  const r = await autocannon({ connections: CONNECTIONS, ...opts });
  return {
    label,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    errors: r.errors + r.non2xx,
  };
}

async function seedSessions(kc: KubeConfig, namespace: string): Promise<void> {
  const path = `/apis/stream.streamspace.io/v1alpha1/namespaces/${namespace}/sessions`;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < SESSIONS; i = next++)
      await kubeRequest(kc, path, {
        method: "POST",
        body: {
          apiVersion: "stream.streamspace.io/v1alpha1",
          kind: "Session",
          metadata: { name: `s-${i}`, namespace },
          spec: { user: `user-${i % USERS}`, template: "firefox" },
        },
      });
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function benchEngine(
  label: string,
  database: DatabaseTarget,
  kc: KubeConfig,
  namespace: string,
): Promise<Result[]> {
  const db = await openDatabase(database);
  await migrate(db);
  const hash = await hashPassword(PASSWORD);
  for (let i = 0; i < USERS; i++)
    await db.query("INSERT INTO users (name, password_hash) VALUES ($1, $2)", [`user-${i}`, hash]);
  await db.close();
  const api = await startApi({
    config: resolvePlatformConfig({ namespace, sessionNamespace: namespace }),
    kubeConfig: kc,
    database,
    log: createLogger({ level: "error" }),
    port: 0,
    host: "127.0.0.1",
    throttle: { perAddressPerMinute: 1_000_000 },
  });
  await api.context.cluster.whenSynced();
  const cookies: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const res = await fetch(`${api.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: `user-${i}`, password: PASSWORD }),
    });
    cookies.push((res.headers.get("set-cookie") ?? "").split(";")[0] ?? "");
  }
  const pick = () => cookies[Math.floor(Math.random() * cookies.length)] ?? "";
  progress(`${label}: list`);
  const list = await cannon(`GET /api/v1/sessions (own, ${label})`, {
    url: `${api.url}/api/v1/sessions`,
    duration: DURATION_S,
    requests: [
      { method: "GET", setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: pick() } }) },
    ],
  });
  progress(`${label}: create`);
  const create = await cannon(`POST /api/v1/sessions (${label})`, {
    url: `${api.url}/api/v1/sessions`,
    amount: CREATES,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, cookie: pick(), origin: api.url, "content-type": "application/json" },
          body: JSON.stringify({ template: "firefox" }),
        }),
      },
    ],
  });
  const rss = process.memoryUsage().rss;
  await api.stop();
  return [
    list,
    create,
    {
      label: `process RSS after ${label} (MB, API + autocannon in one process)`,
      p50: rss / 1e6,
      p99: 0,
      rps: 0,
      errors: 0,
    },
  ];
}

export async function benchApi(): Promise<string> {
  const given = process.env.KUBECONFIG;
  const started = given ? undefined : await up("bench-api");
  const kubeconfig = given ?? started?.kubeconfig ?? "";
  const kc = loadKubeConfigFile(kubeconfig);
  const namespace = `bench-api-${randomBytes(3).toString("hex")}`;
  const k = (...args: string[]) => kubectl(kubeconfig, args);
  const postgres = await startPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), "bench-api-pglite-"));
  try {
    await k("apply", "--server-side", "-k", "dist/crds");
    await k("wait", "--for=condition=Established", "--timeout=60s", "crd/sessions.stream.streamspace.io");
    await k("create", "namespace", namespace);
    await k("apply", "-n", namespace, "-f", "catalog/templates/browsers/firefox.yaml");
    progress(`creating ${SESSIONS} Sessions`);
    await seedSessions(kc, namespace);

    const baselineApp = Fastify();
    baselineApp.get("/x", async () => [{ name: "x" }]);
    await baselineApp.listen({ port: 0, host: "127.0.0.1" });
    const address = baselineApp.server.address() as { port: number };
    progress("baseline");
    const baseline = await cannon("baseline: trivial Fastify route", {
      url: `http://127.0.0.1:${address.port}/x`,
      duration: DURATION_S,
    });
    await baselineApp.close();

    const results = [
      baseline,
      ...(await benchEngine("PGlite", { dataDir }, kc, namespace)),
      ...(await benchEngine("PostgreSQL", { url: postgres.url }, kc, namespace)),
    ];
    const rows = results.map((r) =>
      r.rps === 0
        ? `| ${r.label} | ${r.p50.toFixed(0)} | | | |`
        : `| ${r.label} | ${r.p50} ms | ${r.p99} ms | ${r.rps.toFixed(0)} | ${(r.p99 / Math.max(baseline.p99, 1)).toFixed(1)}x | ${r.errors} |`,
    );
    return [
      `${USERS} users, ${SESSIONS} Sessions (no reconciler), ${CONNECTIONS} concurrent autocannon connections on loopback; list for ${DURATION_S} s, create ${CREATES} requests. Cookies of ${CONNECTIONS} users, picked at random per request.`,
      "",
      "| run | p50 | p99 | req/s | p99 vs baseline | errors + non-2xx |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  } finally {
    await k("delete", "namespace", namespace, "--wait=false").catch(() => undefined);
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (started) await down("bench-api");
  }
}
