/**
 * `npm run bench -- gateway`: the session gateway against going straight to the app, in the same run on
 * the same machine. The app runs on a test host (its own network namespace, as a pod would be); the
 * gateway runs as its own process (`streamspace gateway`) on a local control plane. Measures: added
 * latency of small HTTP requests and WebSocket round trips (p50/p99), a 50 MB WebSocket stream's
 * throughput, and the gateway's RSS with 500 idle viewers. Env: KUBECONFIG_BENCH reuses a cluster.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import type { LookupFunction } from "node:net";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { sessionObjectName } from "../../src/api/names.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { issueTicket, parseSigningKeys } from "../../src/gateway/ticket.js";
import { type RunningReconciler, startReconciler } from "../../src/reconciler/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { spawnGatewayCli } from "../../test/support/gateway-cli.js";
import { startTestHost, type TestHost } from "../../test/support/test-host.js";
import { down, up } from "../cluster/cluster.js";
import { freePort, kubectl, progress as log, now, sleep } from "./sessions-support.js";
import { fmt, percentile } from "./stats.js";

const progress = (line: string) => log(`gateway: ${line}`);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const loopback: LookupFunction = (_h, o, cb) =>
  o.all
    ? (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: "127.0.0.1", family: 4 },
      ])
    : cb(null, "127.0.0.1", 4);

interface Target {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly lookup?: LookupFunction;
}

function httpLatencies(target: Target, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const start = now();
      const req = request(target.url, { agent, headers: target.headers, lookup: target.lookup }, (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve(now() - start) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on("error", reject);
      req.end();
    });
  return (async () => {
    for (let i = 0; i < 100; i++) await once();
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await once());
    agent.destroy();
    return out;
  })();
}

function connect(target: Target): Promise<WebSocket> {
  const ws = new WebSocket(target.url.replace(/^http/, "ws"), {
    headers: target.headers,
    ...(target.lookup ? { lookup: target.lookup } : {}),
    origin: new URL(target.url).origin,
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_q, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)));
  });
}

async function wsLatencies(target: Target, n: number): Promise<number[]> {
  const ws = await connect(target);
  const payload = Buffer.alloc(32, 1);
  const once = () =>
    new Promise<number>((resolve) => {
      const start = now();
      ws.once("message", () => resolve(now() - start));
      ws.send(payload);
    });
  for (let i = 0; i < 100; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await once());
  ws.close();
  return out;
}

/** MB/s of a `bytes` stream from the app to the client. */
async function streamRate(target: Target, bytes: number): Promise<number> {
  const ws = await connect(target);
  const start = now();
  let got = 0;
  await new Promise<void>((resolve) => {
    ws.on("message", (data: Buffer, binary) => {
      if (binary) got += data.length;
      else if (data.toString() === "end") resolve();
    });
    ws.send(`stream:${bytes}`);
  });
  ws.close();
  if (got !== bytes) throw new Error(`stream delivered ${got} of ${bytes} bytes`);
  return bytes / 1e6 / ((now() - start) / 1000);
}

/** CPU seconds a process has used (user + system), from /proc; clock ticks are 1/100 s on Linux. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? Number.NaN);
}

function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => d.toString().includes(text) && resolve());
    child.once("exit", (code) => reject(new Error(`process exited (${code}) before "${text}"`)));
  });
}

/** ms from a request for an idle-hibernated Session to the first byte of its answer, `runs` times. */
async function wakeToFirstByte(
  k: (args: string[]) => Promise<string>,
  ns: string,
  name: string,
  target: Target,
  runs: number,
): Promise<number[]> {
  const phase = async () =>
    (await k(["get", "session", name, "-n", ns, "-o", "jsonpath={.status.phase}"])).trim();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`wake ${i + 1} of ${runs}`);
    for (let waited = 0; (await phase()) !== "Hibernated"; waited += 250) {
      if (waited > 60_000) throw new Error(`session ${name} did not idle-hibernate within 60 s`);
      await sleep(250);
    }
    out.push(
      await new Promise<number>((resolve, reject) => {
        const start = now();
        const req = request(target.url, { headers: target.headers, lookup: target.lookup }, (res) => {
          res.once("data", () => resolve(now() - start));
          res.resume();
        });
        req.on("error", reject);
        req.end();
      }),
    );
  }
  return out;
}

export async function benchGateway(): Promise<string> {
  const reuse = process.env.KUBECONFIG_BENCH;
  const suffix = Date.now().toString(36);
  const ns = `bench-gateway-${suffix}`;
  let kubeconfig = reuse ?? "";
  let startedCluster = false;
  let host: TestHost | undefined;
  let gateway: ChildProcess | undefined;
  let reconciler: RunningReconciler | undefined;
  const load = () => (loadavg()[0] ?? 0).toFixed(1);
  try {
    if (!reuse) {
      progress("starting cluster bench-gateway");
      kubeconfig = (await up("bench-gateway", progress)).kubeconfig;
      startedCluster = true;
    }
    const k = (args: string[], input?: string) => kubectl(kubeconfig, args, input ? { input } : {});
    await k(["apply", "--server-side", "--field-manager=bench", "-k", "dist/crds"]);
    await k(["wait", "--for=condition=Established", "--timeout=60s", "crd/sessions.stream.streamspace.io"]);
    await k(["create", "namespace", ns]);
    host = await startTestHost();
    const app = host.spawn(
      process.execPath,
      ["--import", "tsx", here("./gateway-backend.ts"), host.address, "8080"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await waitForLine(app, "listening");
    const objects = [
      {
        apiVersion: "stream.streamspace.io/v1alpha1",
        kind: "Template",
        metadata: { name: "bench", namespace: ns },
        spec: {
          displayName: "bench",
          category: "Bench",
          baseImage: "example/bench:1",
          appType: "desktop",
          vnc: { enabled: true, port: 8080, protocol: "websocket" },
        },
      },
      {
        apiVersion: "stream.streamspace.io/v1alpha1",
        kind: "Session",
        metadata: { name: "bench", namespace: ns },
        spec: { user: "alice", template: "bench" },
      },
      {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: {
          name: "ss-bench-app",
          namespace: ns,
          labels: {
            "kubernetes.io/service-name": "ss-bench",
            "endpointslice.kubernetes.io/managed-by": "bench",
          },
        },
        addressType: "IPv4",
        endpoints: [{ addresses: [host.address], conditions: { ready: true } }],
        ports: [{ name: "app", port: 8080, protocol: "TCP" }],
      },
    ];
    for (const o of objects)
      await k(["apply", "--server-side", "--field-manager=bench", "-f", "-"], JSON.stringify(o));
    await k([
      "patch",
      "session",
      "bench",
      "-n",
      ns,
      "--subresource=status",
      "--type=merge",
      "-p",
      '{"status":{"phase":"Running"}}',
    ]);
    const uid = (await k(["get", "session", "bench", "-n", ns, "-o", "jsonpath={.metadata.uid}"])).trim();

    const keys = `bench=${randomBytes(32).toString("base64")}`;
    const [port, metricsPort] = [await freePort(), await freePort()];
    gateway = spawnGatewayCli({
      kubeconfig,
      namespace: ns,
      tickets: { keys: parseSigningKeys(keys) },
      replica: "bench",
      port,
      metricsPort,
    });
    for (let i = 0; ; i++) {
      const answered = await fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      );
      if (answered) break;
      if (i > 120) throw new Error("the gateway did not start within 60 s");
      await sleep(500);
    }
    const origin = `http://${sessionObjectName("bench")}.localhost:${port}`;
    const signIn = (session: string, sessionUid: string, sessionOrigin: string) =>
      new Promise<string>((resolve, reject) => {
        const ticket = issueTicket(
          { keys: parseSigningKeys(keys) },
          { user: "alice", session: `${ns}/${session}`, uid: sessionUid },
        );
        request(`${sessionOrigin}/_streamspace/auth?ticket=${ticket}`, { lookup: loopback }, (res) => {
          res.resume();
          const set = res.headers["set-cookie"]?.[0];
          set ? resolve(set.split(";")[0] ?? "") : reject(new Error(`ticket refused: ${res.statusCode}`));
        })
          .on("error", reject)
          .end();
      });
    const cookie = await signIn("bench", uid, origin);
    const direct: Target = { url: `http://${host.address}:8080/`, headers: {} };
    const through: Target = { url: `${origin}/`, headers: { Cookie: cookie }, lookup: loopback };

    const rows: string[] = [];
    const loads: string[] = [load()];
    // Viewers first, on the fresh process: the stream below grows the heap and would hide them.
    progress("500 idle viewers");
    const pid = gateway.pid ?? 0;
    // Warm-up: the first viewers load and compile the code paths every later one shares.
    for (const ws of await Promise.all(Array.from({ length: 20 }, () => connect(through)))) ws.terminate();
    await sleep(2000);
    const before = rssKiB(pid);
    const viewers: WebSocket[] = [];
    for (let i = 0; i < 500; i += 50)
      viewers.push(...(await Promise.all(Array.from({ length: 50 }, () => connect(through)))));
    await sleep(5000);
    const after = rssKiB(pid);
    for (const v of viewers) v.terminate();
    const perViewer = ((after - before) * 1024) / 500;
    const N = 2000;
    for (const [what, fn] of [
      ["small HTTP GET, one kept-alive connection", (t: Target) => httpLatencies(t, N)],
      ["WebSocket round trip, 32 bytes", (t: Target) => wsLatencies(t, N)],
    ] as const) {
      progress(what);
      loads.push(load());
      const d = await fn(direct);
      const g = await fn(through);
      const [d50, d99, g50, g99] = [
        percentile(d, 50),
        percentile(d, 99),
        percentile(g, 50),
        percentile(g, 99),
      ];
      rows.push(
        `| ${what} (${N}) | ${fmt(d50)} / ${fmt(d99)} | ${fmt(g50)} / ${fmt(g99)} | **${fmt(g50 - d50)} / ${fmt(g99 - d99)}** |`,
      );
    }
    progress("50 MB stream");
    loads.push(load());
    const BYTES = 50 * 1024 * 1024;
    const rates = { direct: [] as number[], through: [] as number[] };
    // Where the CPU goes: on 2 cores three busy processes share what two had, so this bounds the ratio.
    const cpu = { direct: [0, 0, 0], through: [0, 0, 0] };
    const appPid = app.pid ?? 0;
    const measured = async (path: "direct" | "through", target: Target) => {
      const before = [cpuSeconds(appPid), cpuSeconds(pid), process.cpuUsage()];
      rates[path].push(await streamRate(target, BYTES));
      const client = process.cpuUsage(before[2] as NodeJS.CpuUsage);
      const used = [
        cpuSeconds(appPid) - (before[0] as number),
        cpuSeconds(pid) - (before[1] as number),
        (client.user + client.system) / 1e6,
      ];
      cpu[path] = cpu[path].map((c, i) => c + (used[i] ?? 0));
    };
    for (let i = 0; i < 3; i++) {
      await measured("direct", direct);
      await measured("through", through);
    }
    const [rd, rg] = [percentile(rates.direct, 50), percentile(rates.through, 50)];
    const msPerMB = (path: "direct" | "through") =>
      cpu[path].map((c) => ((c * 1000) / ((3 * BYTES) / 1e6)).toFixed(2)).join(" / ");

    progress("wake on access");
    loads.push(load());
    reconciler = await startReconciler({
      kubeConfig: loadKubeConfigFile(kubeconfig),
      config: resolvePlatformConfig({
        namespace: ns,
        sessionNamespace: ns,
        sessions: { home: { mode: "ephemeral" } },
      }),
      identity: "bench-gateway",
      leaderElection: false,
      metricsPort: 0,
      log: createLogger({ level: "error" }),
    });
    const napper = {
      apiVersion: "stream.streamspace.io/v1alpha1",
      kind: "Session",
      metadata: { name: "napper", namespace: ns },
      spec: { user: "alice", template: "bench", idleTimeout: "2s" },
    };
    await k(["apply", "--server-side", "--field-manager=bench", "-f", "-"], JSON.stringify(napper));
    const napSlice = {
      ...objects[2],
      metadata: {
        ...objects[2]?.metadata,
        name: "ss-napper-app",
        labels: {
          "kubernetes.io/service-name": "ss-napper",
          "endpointslice.kubernetes.io/managed-by": "bench",
        },
      },
    };
    await k(["apply", "--server-side", "--field-manager=bench", "-f", "-"], JSON.stringify(napSlice));
    const napUid = (await k(["get", "session", "napper", "-n", ns, "-o", "jsonpath={.metadata.uid}"])).trim();
    const napOrigin = `http://${sessionObjectName("napper")}.localhost:${port}`;
    const napCookie = await signIn("napper", napUid, napOrigin);
    const wakes = await wakeToFirstByte(
      k,
      ns,
      "napper",
      { url: `${napOrigin}/`, headers: { Cookie: napCookie }, lookup: loopback },
      5,
    );

    return [
      `App on a test host (own network namespace, via veth); the gateway a separate \`streamspace gateway\``,
      `process on loopback in front of it; "direct" is the same client straight to the app. Load average`,
      `at the start of each phase (viewers, HTTP, WebSocket, stream): ${loads.join(", ")} (the machine is`,
      "shared with other builds and tests).",
      "",
      "| measurement | direct p50 / p99 ms | through the gateway p50 / p99 ms | added p50 / p99 ms |",
      "| --- | ---: | ---: | ---: |",
      ...rows,
      "",
      "| measurement | direct | through the gateway | ratio |",
      "| --- | ---: | ---: | ---: |",
      `| 50 MiB WebSocket stream, app → client (median of 3) | ${rd.toFixed(0)} MB/s | ${rg.toFixed(0)} MB/s | **${((rg / rd) * 100).toFixed(0)}%** |`,
      `| CPU ms per MB streamed, app / gateway / client | ${msPerMB("direct")} | ${msPerMB("through")} | |`,
      `| gateway RSS, before → with 500 idle WebSocket viewers | — | ${(before / 1024).toFixed(0)} → ${(after / 1024).toFixed(0)} MiB | **${(perViewer / 1024).toFixed(1)} KiB per viewer** |`,
      "",
      `Wake on access, request for an idle-hibernated Session → first byte from the app, 5 wakes (reconciler`,
      `in the benchmark's process; kwok marks the new pod Ready at once, so no image start is included):`,
      `p50 **${fmt(percentile(wakes, 50))} ms**, p95 **${fmt(percentile(wakes, 95))} ms**, max ${fmt(Math.max(...wakes))} ms.`,
      "",
      "Command: `npm run bench -- gateway` (env: KUBECONFIG_BENCH).",
    ].join("\n");
  } finally {
    await reconciler?.stop();
    gateway?.kill("SIGTERM");
    await host?.stop();
    if (kubeconfig) await kubectl(kubeconfig, ["delete", "namespace", ns, "--wait=false"]).catch(() => {});
    if (startedCluster) await down("bench-gateway").catch(() => {});
  }
}
