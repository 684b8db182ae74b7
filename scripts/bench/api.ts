/**
 * `npm run bench -- api`: the API under 100 concurrent clients (autocannon), with 500 users and 5,000
 * Sessions in the cluster (no reconciler: list and create only touch the API server and the cache), on
 * PGlite and on PostgreSQL. Three processes: the API is the real `streamspace api` command, compiled as
 * the image runs it, in a child process whose RSS is sampled alone, under its Deployment's memory limit
 * (a memory cgroup, as the sessions benchmark does: needs root); autocannon runs here. Baselines in
 * the same run: a trivial Fastify route (also in a child process) for the list, and, for create, the same
 * Session POSTed straight to the kube-apiserver by 100 clients just before each engine's creates (the
 * machine is shared, so the floor is taken next to what it is compared with): what our create cannot beat.
 * Uses the cluster KUBECONFIG names when given, else starts (and afterwards stops) one named bench-api.
 * BENCH_API_CPU_PROF=DIR writes a CPU profile of each API process there.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { EMBEDDED_DATABASE_ENV } from "../../constructs/platform/api-deployment.js";
import { parseQuantity } from "../../src/api/quantity.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { kubeRequest } from "../../src/core/kube-http.js";
import { type KubeConfig, loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { type DatabaseTarget, openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { createLoginSession } from "../../src/identity/login-sessions.js";
import { hashPassword } from "../../src/identity/passwords.js";
import { startPostgres } from "../../test/support/postgres-server.js";
import { down, up } from "../cluster/cluster.js";
import { MemoryCgroup } from "./memory-cgroup.js";
import { buildReconciler, freePort, kubectl, procSample, sleep } from "./sessions-support.js";

const USERS = 500;
const SESSIONS = 5_000;
const CONNECTIONS = 100;
const DURATION_S = 15;
const CREATES = 2_000;
const SESSION_PATH = (namespace: string) =>
  `/apis/stream.streamspace.io/v1alpha1/namespaces/${namespace}/sessions`;

const progress = (line: string) => process.stderr.write(`[bench api] ${line}\n`);

type Result = { label: string; p50: number; p99: number; rps: number; errors: number };

async function cannon(label: string, opts: autocannon.Options): Promise<Result> {
  const r = await autocannon({ connections: CONNECTIONS, ...opts });
  return {
    label,
    p50: r.latency.p50,
    p99: r.latency.p99,
    // Not requests.average: a mean over whole seconds, which a run of a few seconds quantizes.
    rps: r.requests.total / Math.max(r.duration, 0.001),
    errors: r.errors + r.non2xx,
  };
}

/** Marks the seeded Sessions, the ones every engine's run starts from. */
const SEED_LABEL = "bench.streamspace.io/seed";

function sessionBody(
  namespace: string,
  user: string,
  name: { name: string } | { generateName: string },
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Session",
    metadata: { ...name, namespace, labels },
    spec: { user, template: "firefox" },
  };
}

async function seedSessions(kc: KubeConfig, namespace: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < SESSIONS; i = next++)
      await kubeRequest(kc, SESSION_PATH(namespace), {
        method: "POST",
        body: sessionBody(namespace, `user-${i % USERS}`, { name: `s-${i}` }, { [SEED_LABEL]: "true" }),
      });
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Deletes the Sessions a run created (floor and creates), so the next engine's users own as many as
 * the first's did and its cache holds the same objects. */
async function deleteCreatedSessions(kc: KubeConfig, namespace: string): Promise<void> {
  await kubeRequest(kc, SESSION_PATH(namespace), {
    method: "DELETE",
    query: { labelSelector: `!${SEED_LABEL}` },
    timeoutMs: 120_000,
  });
}

/** 500 users, and a login cookie for each of the first 100 (made here: the API's login throttle would
 * rightly refuse 100 logins a minute from one address). */
async function seedUsers(database: DatabaseTarget): Promise<string[]> {
  const db = await openDatabase(database);
  try {
    await migrate(db);
    const hash = await hashPassword("bench password 1");
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const [row] = await db.query<{ id: number }>(
        "INSERT INTO users (name, password_hash) VALUES ($1, $2) RETURNING id",
        [`user-${i}`, hash],
      );
      if (i < CONNECTIONS)
        cookies.push(`streamspace_login=${(await createLoginSession(db, Number(row?.id))).cookie}`);
    }
    return cookies;
  } finally {
    await db.close();
  }
}

/** A child process serving HTTP on `port`; waits until `readyPath` answers 200. */
async function serve(
  args: readonly string[],
  port: number,
  readyPath: string,
  logFile: string,
  env: NodeJS.ProcessEnv = {},
  cgroup?: MemoryCgroup,
): Promise<ChildProcess> {
  const log = openSync(logFile, "a");
  const [command, argv] = cgroup ? cgroup.wrap(process.execPath, args) : [process.execPath, [...args]];
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited)
      throw new Error(
        `${args.join(" ")} exited; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`,
      );
    const res = await fetch(`http://127.0.0.1:${port}${readyPath}`).catch(() => undefined);
    if (res?.status === 200) return child;
    if (Date.now() > deadline) throw new Error(`${args.join(" ")} was not ready within 180 s`);
    await sleep(250);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  if (!(await Promise.race([gone.then(() => true), sleep(10_000).then(() => false)]))) {
    child.kill("SIGKILL");
    await gone;
  }
}

/** Peak and final RSS of a process while `work` runs, sampled from /proc every 100 ms. */
async function sampleRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ value: T; peakMb: number; endMb: number }> {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, procSample(pid).rss);
  }, 100);
  try {
    const value = await work();
    const end = procSample(pid).rss;
    return { value, peakMb: Math.max(peak, end) / 1e6, endMb: end / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

async function baselineRoute(work: string): Promise<Result> {
  const port = await freePort();
  const script = `import Fastify from "fastify";
const app = Fastify();
app.get("/x", async () => [{ name: "x" }]);
await app.listen({ port: ${port}, host: "127.0.0.1" });
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));`;
  const child = await serve(["--input-type=module", "-e", script], port, "/x", join(work, "baseline.log"));
  try {
    return await cannon("baseline: trivial Fastify route (own process)", {
      url: `http://127.0.0.1:${port}/x`,
      duration: DURATION_S,
    });
  } finally {
    await stop(child);
  }
}

/** The floor of create: the same Session POSTed straight to the kube-apiserver with the admin's cert. */
async function apiserverFloor(kc: KubeConfig, namespace: string): Promise<Result> {
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const server = kc.getCurrentCluster()?.server ?? "";
  return cannon("floor: the same Session POSTed to the kube-apiserver", {
    url: `${server}${SESSION_PATH(namespace)}`,
    amount: CREATES,
    tlsOptions: { cert: tls.cert, key: tls.key, ca: tls.ca } as never,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(sessionBody(namespace, "floor-user", { generateName: "floor-" })),
  });
}

/** What every engine's API process shares: the compiled CLI, its cluster and config, and its cgroup. */
type ApiRun = { cli: string; kubeconfig: string; configFile: string; work: string; cgroup: MemoryCgroup };

async function benchEngine(
  label: string,
  floor: () => Promise<Result>,
  /** How the API reaches its database, and the environment its Deployment gives it for that mode. */
  database: { target: DatabaseTarget; args: string[]; env?: Record<string, string> },
  { cli, kubeconfig, configFile, work, cgroup }: ApiRun,
): Promise<{ results: Result[]; rss: string }> {
  const cookies = await seedUsers(database.target);
  const pick = () => cookies[Math.floor(Math.random() * cookies.length)] ?? "";
  const port = await freePort();
  const profDir = process.env.BENCH_API_CPU_PROF;
  const api = await serve(
    [
      ...(profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : []),
      cli,
      "api",
      "--config",
      configFile,
      ...database.args,
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      "--no-gateway",
    ],
    port,
    "/readyz",
    join(work, `api-${label}.log`),
    {
      // As its Deployment runs it.
      ...(database.env ?? {}),
      KUBECONFIG: kubeconfig,
      STREAMSPACE_TICKET_KEYS: `bench=${randomBytes(32).toString("base64")}`,
    },
    cgroup,
  );
  const pid = api.pid ?? 0;
  const origin = `http://127.0.0.1:${port}`;
  const idleMb = procSample(pid).rss / 1e6;
  try {
    progress(`${label}: list`);
    const list = await sampleRss(pid, () =>
      cannon(`GET /api/v1/sessions (own, ${label})`, {
        url: `http://127.0.0.1:${port}/api/v1/sessions`,
        duration: DURATION_S,
        requests: [
          { method: "GET", setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: pick() } }) },
        ],
      }),
    );
    progress(`${label}: floor`);
    const floorResult = { ...(await floor()), label: `floor, just before the ${label} creates` };
    progress(`${label}: create`);
    const create = await sampleRss(pid, () =>
      cannon(`POST /api/v1/sessions (${label})`, {
        url: `http://127.0.0.1:${port}/api/v1/sessions`,
        amount: CREATES,
        requests: [
          {
            method: "POST",
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, cookie: pick(), origin, "content-type": "application/json" },
              body: JSON.stringify({ template: "firefox" }),
            }),
          },
        ],
      }),
    );
    const peak = Math.max(list.peakMb, create.peakMb);
    return {
      results: [list.value, floorResult, create.value],
      rss: `| ${label} | ${idleMb.toFixed(0)} MB | ${peak.toFixed(0)} MB | ${create.endMb.toFixed(0)} MB |`,
    };
  } finally {
    await stop(api);
  }
}

export async function benchApi(): Promise<string> {
  const given = process.env.KUBECONFIG;
  const started = given ? undefined : await up("bench-api");
  const kubeconfig = given ?? started?.kubeconfig ?? "";
  const kc = loadKubeConfigFile(kubeconfig);
  const namespace = `bench-api-${randomBytes(3).toString("hex")}`;
  const k = (...args: string[]) => kubectl(kubeconfig, args);
  const work = mkdtempSync(join(tmpdir(), "bench-api-"));
  const postgres = await startPostgres();
  const config = { namespace, sessionNamespace: namespace };
  // Under the memory limit its Deployment has by default, as in a pod: Node sizes its heap from it.
  const memoryLimit = parseQuantity(resolvePlatformConfig(config).api.resources.memoryLimit);
  let cgroup: MemoryCgroup | undefined;
  try {
    progress("compiling the CLI as the image does");
    const cli = buildReconciler(work);
    const configFile = join(work, "config.json");
    writeFileSync(configFile, JSON.stringify(config));
    cgroup = MemoryCgroup.create(`streamspace-bench-api-${process.pid}`, memoryLimit);
    const run: ApiRun = { cli, kubeconfig, configFile, work, cgroup };
    await k("apply", "--server-side", "-k", "dist/crds");
    await k("wait", "--for=condition=Established", "--timeout=60s", "crd/sessions.stream.streamspace.io");
    await k("create", "namespace", namespace);
    await k("apply", "-n", namespace, "-f", "catalog/templates/browsers/firefox.yaml");
    progress(`creating ${SESSIONS} Sessions`);
    await seedSessions(kc, namespace);

    progress("baseline");
    const baseline = await baselineRoute(work);
    const floor = () => apiserverFloor(kc, namespace);
    const pglite = await benchEngine(
      "PGlite",
      floor,
      {
        target: { dataDir: join(work, "pglite") },
        args: ["--data-dir", join(work, "pglite")],
        env: Object.fromEntries(EMBEDDED_DATABASE_ENV.map(({ name, value }) => [name, value])),
      },
      run,
    );
    await deleteCreatedSessions(kc, namespace);
    const pg = await benchEngine(
      "PostgreSQL",
      floor,
      { target: { url: postgres.url }, args: ["--database-url", postgres.url] },
      run,
    );
    const [pgliteList, pgliteFloor, pgliteCreate] = pglite.results;
    const [pgList, pgFloor, pgCreate] = pg.results;
    const ratio = (a: number, b: number) => `${(a / Math.max(b, 1)).toFixed(1)}x`;
    const row = (r: Result | undefined, base: Result | undefined = r) =>
      r && base
        ? `| ${r.label} | ${r.p50} ms | ${r.p99} ms | ${r.rps.toFixed(0)} | ${ratio(r.p50, base.p50)} | ${ratio(r.p99, base.p99)} | ${ratio(base.rps, r.rps)} | ${r.errors} |`
        : "";
    return [
      `${USERS} users, ${SESSIONS} Sessions (no reconciler), ${CONNECTIONS} concurrent autocannon connections on loopback; list for ${DURATION_S} s, create ${CREATES} requests. Cookies of ${CONNECTIONS} users, picked at random per request. The API is \`streamspace api --no-gateway\` compiled as in the image, in its own process, in a memory cgroup of ${memoryLimit / 2 ** 20} MiB (its Deployment's default limit, from which Node sizes its heap).`,
      "",
      "| run | p50 | p99 | req/s | p50 vs its baseline | p99 vs its baseline | baseline req/s ÷ ours | errors + non-2xx |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      row(baseline),
      row(pgliteList, baseline),
      row(pgList, baseline),
      row(pgliteFloor),
      row(pgliteCreate, pgliteFloor),
      row(pgFloor),
      row(pgCreate, pgFloor),
      "",
      "Reads are compared with the trivial route, creates with the kube-apiserver floor taken just before them.",
      "",
      "| API process RSS | idle after start | peak under load | after the creates |",
      "| --- | --- | --- | --- |",
      pglite.rss,
      pg.rss,
    ].join("\n");
  } finally {
    await k("delete", "namespace", namespace, "--wait=false").catch(() => undefined);
    await postgres.stop();
    cgroup?.remove();
    rmSync(work, { recursive: true, force: true });
    if (started) await down("bench-api");
  }
}
