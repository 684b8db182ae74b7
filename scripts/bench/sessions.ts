/**
 * `npm run bench -- sessions`: the Session reconciler against a real control plane (scripts/cluster),
 * with a baseline measured in the same run on the same cluster.
 *
 * 1. N Sessions created by one `kubectl apply --server-side` → all Running (pod Ready), against the
 *    baseline: the same N Deployments + Services + Ingresses (from sessionBundleObjects, the very
 *    objects the reconciler applies) applied by kubectl → all Deployments Available.
 * 2. Hibernate, then wake, 100 of those Sessions: PATCH spec.state → phase Hibernated / Running.
 * 3. N quiet Sessions for BENCH_QUIET_SECONDS with `--resync 60s`: writes the reconciler makes (goal 0),
 *    its CPU and memory.
 *
 * The reconciler runs compiled, as the image runs it, in its own Node process sampled through /proc.
 *
 * Environment: BENCH_SESSIONS (default 1000), BENCH_QUIET_SECONDS (300), BENCH_USERS (distinct users,
 * default one per session), KUBECONFIG_BENCH (reuse that cluster instead of starting "bench"),
 * BENCH_CPU_PROF (a directory: run the reconciler under `node --cpu-prof`), BENCH_KEEP (keep the
 * reconciler's log and the applied files).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { type KubeObject, sessionBundleObjects } from "../../constructs/session/bundle.js";
import type { Session, Template } from "../../src/api/generated/types.js";
import { METRICS } from "../../src/api/metrics.js";
import type { Cached } from "../../src/api/objects.js";
import { parseQuantity } from "../../src/api/quantity.js";
import { API_GROUP, API_VERSION, GROUP_VERSION } from "../../src/api/schemas/index.js";
import { validateResource } from "../../src/api/validation/validate.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { collectionPath, KubeApiError, kubeRequest } from "../../src/core/kube-http.js";
import { down, KWOK_NODE_ANNOTATION, readState, up } from "../cluster/cluster.js";
import { MemoryCgroup } from "./memory-cgroup.js";
import {
  buildReconciler,
  cpuByProcess,
  cpuDelta,
  freePort,
  kubectl,
  now,
  type ProcSample,
  progress,
  ReconcilerProcess,
  sleep,
  sumMetric,
  Tracker,
} from "./sessions-support.js";
import {
  requestDelta,
  requestsByKind,
  sampleTimeline,
  type TimelineRow,
  timelineMarkdown,
} from "./sessions-timeline.js";
import { fmt, percentile } from "./stats.js";

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

const SESSIONS = { group: API_GROUP, version: API_VERSION, plural: "sessions" };
const TEMPLATES = { group: API_GROUP, version: API_VERSION, plural: "templates" };
const DEPLOYMENTS = { group: "apps", version: "v1", plural: "deployments" };
const WATCHED_KINDS = [
  SESSIONS,
  DEPLOYMENTS,
  { group: "", version: "v1", plural: "services" },
  { group: "networking.k8s.io", version: "v1", plural: "ingresses" },
];
const TEMPLATE_NAME = "firefox";
/** Sized like cluster.ts's nodes: a session pod requests 250m/512Mi by default, so 110 pods fit. */
const NODE_CAPACITY = { cpu: "32", memory: "128Gi", pods: "110", "ephemeral-storage": "500Gi" };
/** Hibernate/wake: this many users at a time, each waiting for their Session before the next PATCH. */
const PATCH_CONCURRENCY = 4;

/** A Session as the watch caches it (client-node metadata, times as JSON strings). */
type CachedSession = Cached<Session>;

const sessionName = (i: number) => `s-${String(i).padStart(4, "0")}`;

/** The platform config of the reconciler under test, and the settings the baseline's bundles use. */
function platformConfig(namespace: string) {
  return {
    namespace,
    sessionNamespace: namespace,
    // Ephemeral homes keep the figures comparable with earlier runs (made before the local cluster had
    // a provisioner); an idle timeout would hibernate sessions during the quiet phase.
    sessions: { home: { mode: "ephemeral" }, idleTimeout: "0" },
  };
}

function templateObject(namespace: string): Template {
  return {
    apiVersion: GROUP_VERSION,
    kind: "Template",
    metadata: { name: TEMPLATE_NAME, namespace },
    spec: {
      displayName: "Firefox",
      category: "Browsers",
      baseImage: "lscr.io/linuxserver/firefox:latest",
      appType: "desktop",
      vnc: { enabled: true, port: 3000, protocol: "websocket" },
      volumeMounts: [{ name: "home", mountPath: "/config" }],
    },
  };
}

function sessionObject(namespace: string, i: number, users: number): Session {
  return {
    apiVersion: GROUP_VERSION,
    kind: "Session",
    metadata: { name: sessionName(i), namespace },
    spec: { user: `user-${i % users}`, template: TEMPLATE_NAME },
  };
}

function validated<T>(kind: "Session" | "Template", object: unknown): T {
  const result = validateResource<T>(kind, object);
  if (!result.ok) throw new Error(`bench fixture ${kind} is invalid: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** One file for one `kubectl apply -f`: a v1 List, which kubectl flattens. */
function writeList(dir: string, file: string, items: readonly unknown[]): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
  return path;
}

/** Runs `fn` over `items`, `concurrency` at a time. */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function describeSession(s: CachedSession | undefined): string {
  if (!s) return "";
  return `phase ${s.status?.phase ?? "(none)"}, reason ${s.status?.reason ?? ""}: ${s.status?.message ?? ""}`;
}

function describeDeployment(d: V1Deployment | undefined): string {
  if (!d) return "";
  return `replicas ${d.status?.replicas ?? 0}, available ${d.status?.availableReplicas ?? 0}`;
}

/** Adds kwok nodes so that the scheduler can place `pods` session pods (the cluster's 3 nodes hold 330):
 *  baseline and ours each have one pod per session, and both sets stay until the end. */
async function addNodes(kc: KubeConfig, pods: number): Promise<string[]> {
  const count = Math.max(0, Math.ceil((pods - 300) / 100));
  const created: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `bench-node-${i}`;
    try {
      await kubeRequest(kc, "/api/v1/nodes", {
        method: "POST",
        body: {
          apiVersion: "v1",
          kind: "Node",
          metadata: {
            name,
            annotations: { [KWOK_NODE_ANNOTATION]: "fake" },
            labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", type: "kwok" },
          },
          status: { capacity: NODE_CAPACITY, allocatable: NODE_CAPACITY },
        },
      });
      created.push(name);
    } catch (error) {
      // A reused cluster may have them from an earlier run: fine, they are the same.
      if (!(error instanceof KubeApiError && error.statusCode === 409)) throw error;
    }
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const nodes = await kubeRequest<{
      items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
    }>(kc, "/api/v1/nodes");
    const ready = nodes.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
    ).length;
    if (ready >= 3 + count) return created;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${3 + count} nodes Ready after 60s`);
    await sleep(500);
  }
}

/** resourceVersion of every Session, Deployment, Service and Ingress in the namespace, by kind/name. */
async function resourceVersions(kc: KubeConfig, namespace: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const resource of WATCHED_KINDS) {
    const list = await kubeRequest<{ items: { metadata: { name: string; resourceVersion: string } }[] }>(
      kc,
      collectionPath(resource, namespace),
    );
    for (const item of list.items)
      out.set(`${resource.plural}/${item.metadata.name}`, item.metadata.resourceVersion);
  }
  return out;
}

/** Who last wrote an object, from its managedFields: the managers with the latest timestamp. */
async function lastWriters(kc: KubeConfig, namespace: string, key: string): Promise<string> {
  const [plural, name] = key.split("/") as [string, string];
  const resource = WATCHED_KINDS.find((r) => r.plural === plural);
  if (!resource) return "?";
  const object = await kubeRequest<{
    metadata: {
      managedFields?: { manager?: string; time?: string; operation?: string; subresource?: string }[];
    };
  }>(kc, `${collectionPath(resource, namespace)}/${name}`).catch(() => undefined);
  const fields = object?.metadata.managedFields ?? [];
  const latest = fields
    .map((f) => f.time ?? "")
    .sort()
    .at(-1);
  return fields
    .filter((f) => f.time === latest)
    .map((f) => `${f.manager}/${f.operation}${f.subresource ? `/${f.subresource}` : ""}`)
    .join(", ");
}

interface ApiRequests {
  /** Every request except long-running watches, all clients and kinds: the API server's workload. */
  readonly all: number;
  /** Writes and dry-run applies on the kinds the reconciler manages. */
  readonly writes: number;
  readonly dryRuns: number;
}

/** The API server's own request counters (cumulative since it started); compare two readings. */
async function apiserverRequests(kubeconfig: string): Promise<ApiRequests> {
  const text = await kubectl(kubeconfig, ["get", "--raw", "/metrics"], { timeoutMs: 30_000 });
  const resource = /^(sessions|deployments|services|ingresses)$/;
  const verbs = /^(APPLY|PATCH|POST|PUT|DELETE)$/;
  return {
    all: sumMetric(text, "apiserver_request_total", { verb: /^(?!WATCH$|CONNECT$)/ }),
    dryRuns: sumMetric(text, "apiserver_request_total", { resource, verb: verbs, dry_run: /./ }),
    writes: sumMetric(text, "apiserver_request_total", { resource, verb: verbs, dry_run: /^$/ }),
  };
}

const delta = (before: ApiRequests, after: ApiRequests): ApiRequests => ({
  all: after.all - before.all,
  writes: after.writes - before.writes,
  dryRuns: after.dryRuns - before.dryRuns,
});

/** How a wait for the reconciler to go idle ended. */
interface Settled {
  readonly after: string;
  readonly seconds: number;
  /** Keys still waiting when the wait gave up; undefined once it settled. */
  readonly stillQueued?: number;
}

const SETTLE_MS = 120_000;

/** Waits until the reconciler's queue is empty and no reconcile finished for 3 s: the events of the step
 *  before have been handled, so the next measurement does not start behind a backlog. One that does not
 *  settle in time is a result (with what was still queued) and the run goes on behind that backlog. */
async function settle(reconciler: ReconcilerProcess, after: string): Promise<Settled> {
  const start = Date.now();
  for (let stable = 0, last = -1; ; await sleep(1000)) {
    const text = await reconciler.metrics();
    const depth = sumMetric(text, METRICS.queueDepth, { controller: "session" });
    const reconciles = sumMetric(text, METRICS.reconcileTotal, { controller: "session" });
    stable = depth === 0 && reconciles === last ? stable + 1 : 0;
    last = reconciles;
    const seconds = (Date.now() - start) / 1000;
    if (stable >= 3) return { after, seconds };
    if (Date.now() - start > SETTLE_MS) {
      progress(`not settled ${SETTLE_MS / 1000} s after ${after}: ${depth} keys still queued`);
      return { after, seconds, stillQueued: depth };
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const p50p95 = (samples: readonly number[]) =>
  `${fmt(percentile(samples, 50))} / ${fmt(percentile(samples, 95))} ms`;

interface Results {
  n: number;
  users: number;
  flip: number;
  quietSeconds: number;
  nodes: number;
  /** 1-minute load average of the machine at the start of each phase. */
  loads: Record<string, number>;
  baseline: { wallMs: number; applyMs: number; latencies: number[]; api: ApiRequests };
  ours: {
    wallMs: number;
    applyMs: number;
    latencies: number[];
    api: ApiRequests;
    cpuSeconds: number;
    peakRss: number;
    idleRss: number;
    memoryLimit: number;
    reconciles: number;
  };
  /** CPU seconds by process (and the whole machine) over each phase's create → all Available/Running. */
  cpu: { baseline: Record<string, number>; ours: Record<string, number> };
  /** Requests the reconciler made from the apply to all Running, by "VERB resource". */
  requests: Array<[string, number]>;
  timeline: TimelineRow[];
  settles: Settled[];
  hibernate: number[];
  wake: number[];
  quiet: {
    changed: string[];
    examples: string[];
    appliedWrites: number;
    reconciles: number;
    cpuSeconds: number;
    rssEnd: number;
    heapUsed: number;
    heapTotal: number;
    peakRss: number;
    api: ApiRequests;
    slowestHealthzMs: number;
  };
}

/** CPU seconds by process in each phase; "rest" is the machine's CPU the listed processes did not use. */
function cpuMarkdown(cpu: Results["cpu"]): string[] {
  const names = [...new Set([...Object.keys(cpu.baseline), ...Object.keys(cpu.ours)])].filter(
    (k) => k !== "machine",
  );
  const rest = (phase: Record<string, number>) =>
    (phase.machine ?? 0) - names.reduce((sum, k) => sum + (phase[k] ?? 0), 0);
  const cell = (v: number | undefined) => (v === undefined ? "–" : `${v.toFixed(0)} s`);
  return [
    "CPU from the apply to all Available / all Running, by process (2 cores):",
    "",
    "| process | baseline | ours |",
    "| --- | ---: | ---: |",
    ...names.map((k) => `| ${k} | ${cell(cpu.baseline[k])} | ${cell(cpu.ours[k])} |`),
    `| rest (kubectl, the benchmark, the system) | ${cell(rest(cpu.baseline))} | ${cell(rest(cpu.ours))} |`,
    `| machine | ${cell(cpu.baseline.machine)} | ${cell(cpu.ours.machine)} |`,
  ];
}

function markdown(r: Results): string {
  const ratio = r.ours.wallMs / r.baseline.wallMs;
  const quietCpuMillicores = (r.quiet.cpuSeconds / r.quietSeconds) * 1000;
  const row = (m: string, v: string, g = "") => `| ${m} | ${v} | ${g} |`;
  const head = ["| measurement | value | goal |", "| --- | ---: | --- |"];
  return [
    `${r.n} Sessions (${r.users === r.n ? "one user each" : `${r.users} users`}) of one Template; reconciler ` +
      "`streamspace reconcile --resync 60s` compiled as the image runs it (8 to 32 concurrent reconciles, adapting: the default), " +
      `in a memory cgroup of ${mib(r.ours.memoryLimit)} (its Deployment's default limit, from which Node sizes its heap); ` +
      `control plane from scripts/cluster with ${r.nodes} kwok nodes (pods Ready at once), a fresh one for each phase unless KUBECONFIG_BENCH names one. The machine is shared: ` +
      `1-minute load average at the start of each phase ${Object.entries(r.loads)
        .map(([phase, l]) => `${phase} ${l.toFixed(1)}`)
        .join(", ")} (2 cores), so wall times are noisy.`,
    "",
    `### 1. ${r.n} Sessions created at once → all Running`,
    "",
    ...head,
    row(
      `baseline: \`kubectl apply --server-side\` of the same ${r.n * 3} Deployments/Services/Ingresses → all Deployments Available`,
      seconds(r.baseline.wallMs),
    ),
    row("baseline: of which the kubectl apply", seconds(r.baseline.applyMs)),
    row("baseline: per Deployment, creation → Available, p50 / p95", p50p95(r.baseline.latencies)),
    row(
      `ours: \`kubectl apply --server-side\` of ${r.n} Sessions → all Running (pod Ready)`,
      seconds(r.ours.wallMs),
    ),
    row("ours: of which the kubectl apply", seconds(r.ours.applyMs)),
    row("ours: per Session, creation → Running, p50 / p95", p50p95(r.ours.latencies)),
    row(
      "API server requests (all clients, watches excluded): baseline / ours",
      `${r.baseline.api.all} / ${r.ours.api.all} (${(r.ours.api.all / r.baseline.api.all).toFixed(2)}×)`,
    ),
    row("of which dry-run applies by the reconciler", String(r.ours.api.dryRuns)),
    row("**ours / baseline wall time**", `**${ratio.toFixed(2)}×**`, "≤ 1.5×"),
    row("Session reconciles from the apply to all Running", String(r.ours.reconciles)),
    row("reconciler CPU from the apply to all Running", `${r.ours.cpuSeconds.toFixed(1)} s`),
    row("reconciler RSS idle (caches synced, no Session yet)", mib(r.ours.idleRss)),
    row("reconciler peak RSS (VmHWM)", mib(r.ours.peakRss)),
    "",
    `Requests the reconciler made from the apply to all Running, per Session (${r.n}): ${
      r.requests.map(([kind, count]) => `${kind} ${(count / r.n).toFixed(2)}`).join(", ") || "none"
    }.`,
    "",
    ...cpuMarkdown(r.cpu),
    "",
    "Over time (the reconciler's own metrics, every 5 s; averages over each interval):",
    "",
    ...timelineMarkdown(r.timeline, "Running"),
    "",
    ...r.settles.map(
      (s) =>
        `Idle (queue empty, no reconcile for 3 s) ${s.stillQueued === undefined ? `${s.seconds.toFixed(0)} s after ${s.after}` : `**not within ${s.seconds.toFixed(0)} s after ${s.after}: ${s.stillQueued} keys still queued**; the next step ran behind that backlog`}.`,
    ),
    "",
    `### 2. Hibernate, then wake, ${r.flip} of those Sessions (${PATCH_CONCURRENCY} users at a time: PATCH spec.state, wait for the phase, next)`,
    "",
    ...head,
    row(
      "hibernate: PATCH → phase Hibernated (scaled to 0, pod gone), p50 / p95",
      p50p95(r.hibernate),
      "< 1 s",
    ),
    row("wake: PATCH → phase Running (pod Ready), p50 / p95", p50p95(r.wake), "< 3 s"),
    "",
    `### 3. ${r.n} quiet Running Sessions for ${r.quietSeconds} s (resync every 60 s)`,
    "",
    ...head,
    row(
      "objects written (Sessions/Deployments/Services/Ingresses whose resourceVersion changed)",
      String(r.quiet.changed.length),
      "0",
    ),
    row(
      '`streamspace_apply_objects_total{result=~"created|configured|pruned"}` delta',
      String(r.quiet.appliedWrites),
      "0",
    ),
    row(
      `Session reconciles in the window (one a Session a resync would be ${r.n * Math.floor(r.quietSeconds / 60)})`,
      String(r.quiet.reconciles),
    ),
    row(
      "API server: writes / dry-run applies on Sessions, Deployments, Services, Ingresses in the window",
      `${r.quiet.api.writes} / ${r.quiet.api.dryRuns}`,
    ),
    row(
      "reconciler CPU in the window",
      `${r.quiet.cpuSeconds.toFixed(1)} s (${quietCpuMillicores.toFixed(0)}m average)`,
      "< 100m (SPEC)",
    ),
    row("slowest /healthz answer in the window (event loop busy)", `${fmt(r.quiet.slowestHealthzMs)} ms`),
    row("reconciler RSS at the end", mib(r.quiet.rssEnd), "< 150 MB"),
    row(
      "of which the JavaScript heap: used / allocated (the rest: code, native buffers, malloc's free lists)",
      `${mib(r.quiet.heapUsed)} / ${mib(r.quiet.heapTotal)}`,
    ),
    row("reconciler peak RSS over the whole run", mib(r.quiet.peakRss)),
    ...(r.quiet.examples.length
      ? ["", `Objects written while quiet, e.g.: ${r.quiet.examples.join("; ")}.`]
      : []),
    "",
    "Command: `npm run bench -- sessions` (env: BENCH_SESSIONS, BENCH_QUIET_SECONDS, BENCH_USERS, KUBECONFIG_BENCH).",
  ].join("\n");
}

export async function benchSessions(): Promise<string> {
  const n = intEnv("BENCH_SESSIONS", 1000);
  const quietSeconds = intEnv("BENCH_QUIET_SECONDS", 300);
  const users = Math.min(n, intEnv("BENCH_USERS", n));
  const flip = Math.min(100, n);
  // Generous bounds that still fail a stuck run long before anyone gives up on it.
  const convergeMs = 120_000 + n * 500;
  const loads: Record<string, number> = {};
  const noteLoad = (phase: string) => {
    loads[phase] = loadavg()[0] ?? 0;
  };

  const reuse = process.env.KUBECONFIG_BENCH;
  const work = mkdtempSync(join(tmpdir(), "bench-sessions-"));
  const suffix = Date.now().toString(36);
  const baselineNs = `bench-baseline-${suffix}`;
  const oursNs = `bench-sessions-${suffix}`;
  let kubeconfig = reuse ?? "";
  let startedCluster = false;
  let reconciler: ReconcilerProcess | undefined;
  const trackers: Tracker<never>[] = [];
  let addedNodes: string[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    // Each phase gets a cluster of its own when the benchmark starts them: ours then runs on a control
    // plane as empty as the baseline's, not beside the baseline's 3n objects and n pods.
    const prepare = async (): Promise<KubeConfig> => {
      if (!reuse) {
        if (startedCluster) await down("bench");
        progress("starting cluster bench");
        kubeconfig = (await up("bench", progress)).kubeconfig;
        startedCluster = true;
      }
      const config = new KubeConfig();
      config.loadFromFile(kubeconfig);
      await kubectl(kubeconfig, ["apply", "--server-side", "--field-manager=bench", "-k", "dist/crds"]);
      await kubectl(kubeconfig, [
        "wait",
        "--for=condition=Established",
        "--timeout=60s",
        ...["sessions", "templates", "templaterepositories", "quotas"].map((p) => `crd/${p}.${API_GROUP}`),
      ]);
      addedNodes = await addNodes(config, 2 * n);
      return config;
    };
    const cpuNow = () => cpuByProcess(readState("bench")?.pids ?? {});
    let kc = await prepare();
    progress("compiling the reconciler");
    const cli = buildReconciler(work);
    const nodes = 3 + Math.max(0, Math.ceil((2 * n - 300) / 100));

    // ---- 1a. Baseline: the objects themselves, applied by kubectl.
    await kubectl(kubeconfig, ["create", "namespace", baselineNs]);
    const settings = resolvePlatformConfig(platformConfig(baselineNs));
    const template = validated<Template>("Template", templateObject(baselineNs));
    const bundles: KubeObject[] = [];
    for (let i = 0; i < n; i++) {
      // No uid: without a Session to own them, owner references would have the garbage collector delete them.
      const session = validated<Session>("Session", sessionObject(baselineNs, i, users));
      bundles.push(...sessionBundleObjects({ session, template, settings }));
    }
    const deploymentNames = bundles.filter((o) => o.kind === "Deployment").map((o) => o.metadata.name);
    if (deploymentNames.length !== n || bundles.some((o) => o.kind === "PersistentVolumeClaim"))
      throw new Error(`expected ${n} bundles of Deployment+Service+Ingress, got ${bundles.length} objects`);
    const baselineFile = writeList(work, "baseline.json", bundles);
    const deployments = new Tracker<V1Deployment>(kc, DEPLOYMENTS, baselineNs);
    trackers.push(deployments as never);
    await deployments.start();
    const available = deployments.firstTimes(
      deploymentNames,
      (d) => (d.status?.availableReplicas ?? 0) >= 1,
      convergeMs,
      "baseline Deployments Available",
      describeDeployment,
    );
    noteLoad("baseline");
    const baselineApi0 = await apiserverRequests(kubeconfig);
    const baselineCpu0 = cpuNow();
    progress(`baseline: applying ${bundles.length} objects`);
    const b0 = now();
    await kubectl(
      kubeconfig,
      ["apply", "--server-side", "--field-manager=bench-baseline", "-f", baselineFile],
      {
        timeoutMs: convergeMs,
      },
    );
    const baselineApplyMs = now() - b0;
    const availableAt = await available;
    const baselineCpu = cpuDelta(baselineCpu0, cpuNow());
    const baselineWallMs = Math.max(...availableAt.values()) - b0;
    const baselineApi = delta(baselineApi0, await apiserverRequests(kubeconfig));
    const baselineLatencies = deploymentNames.map(
      (name) => (availableAt.get(name) ?? 0) - (deployments.addedAt.get(name) ?? b0),
    );
    progress(
      `baseline: all Available after ${seconds(baselineWallMs)} (apply ${seconds(baselineApplyMs)}); ` +
        `creation → Available ${p50p95(baselineLatencies)}`,
    );
    await deployments.stop();
    // On a reused cluster the baseline's objects stay until the end: deleting thousands of Deployments
    // and their pods keeps the garbage collector busy for minutes (143 s for 1,000 in one run), which
    // would load the API server while ours runs. addNodes made room for both sets of pods there.
    if (!reuse) kc = await prepare();

    // ---- 1b. Ours: Sessions applied by kubectl, the reconciler makes the objects.
    await kubectl(kubeconfig, ["create", "namespace", oursNs]);
    const configFile = join(work, "config.json");
    writeFileSync(configFile, JSON.stringify(platformConfig(oursNs)));
    await kubectl(kubeconfig, ["apply", "--server-side", "--field-manager=bench", "-f", "-"], {
      input: JSON.stringify(templateObject(oursNs)),
    });
    const logFile = join(work, "reconciler.log");
    const cpuProfDir = process.env.BENCH_CPU_PROF;
    // Under the memory limit its Deployment has by default, as in a pod: Node sizes its heap from it.
    const memoryLimit = parseQuantity(
      resolvePlatformConfig(platformConfig(oursNs)).reconciler.resources.memoryLimit,
    );
    reconciler = new ReconcilerProcess(await freePort(), {
      cli,
      config: configFile,
      kubeconfig,
      logFile,
      resync: "60s",
      cgroup: MemoryCgroup.create(`streamspace-bench-${process.pid}`, memoryLimit),
      ...(cpuProfDir ? { cpuProfDir } : {}),
    });
    progress(`reconciler pid ${reconciler.pid}, log ${logFile}`);
    await reconciler.waitReady(60_000);
    // The Template's status is written once at start; wait for it so that write (which re-enqueues every
    // Session of the Template) happens before the Sessions exist, not in the middle of the measurement.
    const templatePath = `${collectionPath(TEMPLATES, oursNs)}/${TEMPLATE_NAME}`;
    for (let deadline = Date.now() + 30_000; ; await sleep(200)) {
      const t = await kubeRequest<Template>(kc, templatePath);
      if (t.status?.conditions?.length) break;
      if (Date.now() > deadline) throw new Error("the reconciler wrote no Template status within 30s");
    }
    const running = reconciler;
    let peakRss = 0;
    let lastSample: ProcSample = running.sample();
    sampler = setInterval(() => {
      try {
        lastSample = running.sample();
        peakRss = Math.max(peakRss, lastSample.peakRss);
      } catch {
        // Reported by the next assertAlive() on the main path, with context.
      }
    }, 250);

    const sessions = new Tracker<CachedSession>(kc, SESSIONS, oursNs);
    trackers.push(sessions as never);
    await sessions.start();
    const names = Array.from({ length: n }, (_, i) => sessionName(i));
    const sessionsFile = writeList(
      work,
      "sessions.json",
      names.map((_, i) => sessionObject(oursNs, i, users)),
    );
    const allRunning = sessions.firstTimes(
      names,
      (s) => s.status?.phase === "Running",
      convergeMs,
      "Sessions Running",
      describeSession,
    );
    const idle = running.sample();
    const reconcilesIdle = await running.metric(METRICS.reconcileTotal, { controller: "session" });
    noteLoad("ours");
    const oursApi0 = await apiserverRequests(kubeconfig);
    const oursCpu0 = { ...cpuNow(), reconciler: running.sample().cpuSeconds };
    const requests0 = requestsByKind(await running.metrics());
    const timeline = sampleTimeline(
      () => running.metrics(),
      () => sessions.informer.store.list().filter((s) => s.status?.phase === "Running").length,
    );
    progress(`ours: applying ${n} Sessions`);
    const o0 = now();
    await kubectl(kubeconfig, ["apply", "--server-side", "--field-manager=bench-user", "-f", sessionsFile], {
      timeoutMs: convergeMs,
    });
    const oursApplyMs = now() - o0;
    const runningAt = await allRunning;
    const oursCpu = cpuDelta(oursCpu0, { ...cpuNow(), reconciler: running.sample().cpuSeconds });
    const oursWallMs = Math.max(...runningAt.values()) - o0;
    const timelineRows = await timeline.stop();
    const requests = requestDelta(requests0, requestsByKind(await running.metrics()));
    const afterCreate = running.sample();
    const oursApi = delta(oursApi0, await apiserverRequests(kubeconfig));
    const reconcilesCreate =
      (await running.metric(METRICS.reconcileTotal, { controller: "session" })) - reconcilesIdle;
    const oursLatencies = names.map(
      (name) => (runningAt.get(name) ?? 0) - (sessions.addedAt.get(name) ?? o0),
    );
    progress(
      `ours: all Running after ${seconds(oursWallMs)} (apply ${seconds(oursApplyMs)}); ` +
        `ratio ${(oursWallMs / baselineWallMs).toFixed(2)}; creation → Running ${p50p95(oursLatencies)}`,
    );

    // ---- 2. Hibernate, then wake, the first `flip` Sessions.
    const flipped = names.slice(0, flip);
    // Latency as a user sees it: PATCH_CONCURRENCY users at a time, each waiting for their Session
    // before the next PATCH, so the number is the reconciler's reaction, not a queue of 100 requests.
    const flipTo = async (state: "hibernated" | "running", phase: "Hibernated" | "Running") => {
      const latencies: number[] = [];
      await pool(flipped, PATCH_CONCURRENCY, async (name) => {
        const reached = sessions.firstTimes(
          [name],
          (s) => s.status?.phase === phase,
          60_000,
          `Session ${name} ${phase} after spec.state ${state}`,
          describeSession,
        );
        const sent = now();
        await kubeRequest(kc, `${collectionPath(SESSIONS, oursNs)}/${name}`, {
          method: "PATCH",
          body: { spec: { state } },
          contentType: "application/merge-patch+json",
        });
        latencies.push(((await reached).get(name) ?? Number.NaN) - sent);
      });
      return latencies;
    };
    const settles = [await settle(running, "all Running")];
    noteLoad("hibernate/wake");
    progress(`hibernating ${flip} Sessions, ${PATCH_CONCURRENCY} at a time`);
    const hibernate = await flipTo("hibernated", "Hibernated");
    progress(`hibernate ${p50p95(hibernate)}`);
    settles.push(await settle(running, "the hibernations"));
    progress(`waking ${flip} Sessions, ${PATCH_CONCURRENCY} at a time`);
    const wake = await flipTo("running", "Running");
    progress(`wake ${p50p95(wake)}`);

    // ---- 3. Quiet: let in-flight work finish, then compare everything before and after the window.
    settles.push(await settle(running, "the wakes"));
    const writeResults = { result: /^(created|configured|pruned)$/ };
    const rvBefore = await resourceVersions(kc, oursNs);
    const appliedBefore = await running.metric(METRICS.applyTotal, writeResults);
    const reconcilesBefore = await running.metric(METRICS.reconcileTotal, { controller: "session" });
    const quietApi0 = await apiserverRequests(kubeconfig);
    const cpuQuietBefore = running.sample().cpuSeconds;
    const health = running.probeHealth();
    noteLoad("quiet");
    progress(`quiet for ${quietSeconds} s`);
    for (let end = Date.now() + quietSeconds * 1000; Date.now() < end; ) {
      await sleep(Math.min(5_000, end - Date.now()));
      running.assertAlive();
    }
    health.stop();
    const quietEnd = running.sample();
    const quietMetrics = await running.metrics();
    const heapUsed = sumMetric(quietMetrics, "nodejs_heap_size_used_bytes");
    const heapTotal = sumMetric(quietMetrics, "nodejs_heap_size_total_bytes");
    const quietApi = delta(quietApi0, await apiserverRequests(kubeconfig));
    const appliedAfter = await running.metric(METRICS.applyTotal, writeResults);
    const reconcilesAfter = await running.metric(METRICS.reconcileTotal, { controller: "session" });
    const rvAfter = await resourceVersions(kc, oursNs);
    const changed = [...new Set([...rvBefore.keys(), ...rvAfter.keys()])].filter(
      (key) => rvBefore.get(key) !== rvAfter.get(key),
    );
    const examples = await Promise.all(
      changed
        .slice(0, 5)
        .map(async (key) => `${key} (last written by ${await lastWriters(kc, oursNs, key)})`),
    );

    return markdown({
      n,
      users,
      flip,
      quietSeconds,
      nodes,
      loads,
      baseline: {
        wallMs: baselineWallMs,
        applyMs: baselineApplyMs,
        latencies: baselineLatencies,
        api: baselineApi,
      },
      ours: {
        wallMs: oursWallMs,
        applyMs: oursApplyMs,
        latencies: oursLatencies,
        api: oursApi,
        cpuSeconds: afterCreate.cpuSeconds - idle.cpuSeconds,
        peakRss: afterCreate.peakRss,
        idleRss: idle.rss,
        memoryLimit,
        reconciles: reconcilesCreate,
      },
      requests,
      cpu: { baseline: baselineCpu, ours: oursCpu },
      timeline: timelineRows,
      settles,
      hibernate,
      wake,
      quiet: {
        changed,
        examples,
        appliedWrites: appliedAfter - appliedBefore,
        reconciles: reconcilesAfter - reconcilesBefore,
        cpuSeconds: quietEnd.cpuSeconds - cpuQuietBefore,
        rssEnd: quietEnd.rss,
        heapUsed,
        heapTotal,
        peakRss: Math.max(peakRss, quietEnd.peakRss),
        api: quietApi,
        slowestHealthzMs: health.maxMs(),
      },
    });
  } catch (error) {
    // Other people's `cluster:down --all` stops this cluster too; say so rather than leave a puzzling
    // "no such file" from kubectl.
    if (startedCluster && !readState("bench"))
      throw new Error(`the cluster "bench" was stopped during the run by another process: ${String(error)}`);
    throw error;
  } finally {
    clearInterval(sampler);
    await Promise.all(trackers.map((t) => t.stop().catch(() => undefined)));
    await reconciler?.stop().catch((e: unknown) => progress(`stopping the reconciler: ${String(e)}`));
    if (startedCluster) {
      // The whole cluster goes: no need to delete namespaces one by one first.
      await down("bench").catch((e: unknown) => progress(`cluster down failed: ${String(e)}`));
    } else if (kubeconfig) {
      for (const ns of [baselineNs, oursNs])
        await kubectl(kubeconfig, ["delete", "namespace", ns, "--ignore-not-found", "--wait=false"]).catch(
          (e: unknown) => progress(`deleting ${ns}: ${String(e)}`),
        );
      if (addedNodes.length)
        await kubectl(kubeconfig, ["delete", "node", ...addedNodes, "--ignore-not-found"]).catch(
          (e: unknown) => progress(`deleting nodes: ${String(e)}`),
        );
    }
    // BENCH_KEEP keeps the reconciler's log and the applied files for a look after a surprising run.
    if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
    else progress(`kept ${work}`);
  }
}
