/**
 * `npm run bench -- real-node`: sessions that really run, on the local cluster's real node (root).
 *
 * For each of N Sessions of the desktop test Template, one after the other (images already imported):
 *   create (kubectl) → Session Running (its pod Ready) → first VNC framebuffer update read by a client
 *   at the Service's endpoint; hibernate → pod gone; wake → first framebuffer update again.
 * Baselines in the same run, N times each, read by the same client:
 *   - a bare pod of the same image, created with kubectl, until its VNC server sends the first
 *     framebuffer update (no volume, no probe: the baseline);
 *   - the Session's own pod spec (home claim, /dev/shm, readiness probe) created bare with kubectl,
 *     until Ready, then the first framebuffer update at its IP: what the pod the platform must run
 *     costs the kubelet, so that the ratio to it is the platform's own share.
 * When it starts its own cluster it also times `cluster:up` with and without the real node.
 *
 * Environment: BENCH_REAL_NODE_SESSIONS (default 20), KUBECONFIG_BENCH (a cluster with the real node
 * to reuse instead of starting "bench-node").
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  KubeConfig,
  type V1PodSpec,
} from "@kubernetes/client-node";
import { parse } from "yaml";
import type { Session, Template } from "../../src/api/generated/types.js";
import { SESSION_LABEL } from "../../src/api/labels.js";
import { sessionObjectName } from "../../src/api/names.js";
import { API_GROUP, API_VERSION } from "../../src/api/schemas/index.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { startReconciler } from "../../src/reconciler/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { readFramebuffer } from "../../test/support/rfb.js";
import { down, up } from "../cluster/cluster.js";
import { REAL_NODE_PLACEMENT } from "../cluster/real-node.js";
import { DESKTOP_TEST_IMAGE, VNC_PORT } from "../images/definitions.js";
import { BARE_LABEL, Timeline } from "./real-node-timeline.js";
import { kubectl, now, sleep } from "./sessions-support.js";
import { fmt, percentile } from "./stats.js";

const progress = (line: string) => process.stderr.write(`[bench real-node] ${line}\n`);
const SESSIONS = { group: API_GROUP, version: API_VERSION, plural: "sessions" };
/** Every wait is bounded: a stuck run fails instead of hanging. */
const STEP_TIMEOUT_MS = 120_000;

/**
 * A pause before the n-th start, spread evenly over one second (golden-ratio steps). The kubelet
 * reports a started container at its next PLEG relist, every 1 s; run back to back, each start would
 * land at the same offset from that clock (every step before it ends on a relist), so a run measured
 * one phase only. Users arrive at any phase; so do these starts, the baseline's too.
 */
const phaseOffsetMs = (n: number) => Math.floor(((n * 0.6180339887) % 1) * 1000);

async function until<T>(what: string, fn: () => Promise<T | undefined>, intervalMs = 50): Promise<T> {
  const deadline = now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Polls for a first framebuffer update from host:port; resolves with the time it arrived. */
function firstFrame(what: string, address: () => Promise<{ host: string; port: number } | undefined>) {
  return until(what, async () => {
    const at = await address();
    if (!at) return undefined;
    await readFramebuffer(at.host, at.port, 3_000);
    return now();
  });
}

function row(label: string, samples: number[]): string {
  return `| ${label} | ${samples.length} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 95))} | ${fmt(Math.max(...samples))} |`;
}

export async function benchRealNode(): Promise<string> {
  const runs = Number(process.env.BENCH_REAL_NODE_SESSIONS ?? 20);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error("BENCH_REAL_NODE_SESSIONS must be a positive integer");
  const startTimes: string[] = [];
  let kubeconfig = process.env.KUBECONFIG_BENCH;
  if (!kubeconfig) {
    let t = now();
    await up("bench-kwok");
    startTimes.push(`| \`cluster:up\`, kwok nodes only | ${fmt(now() - t)} |`);
    await down("bench-kwok");
    t = now();
    kubeconfig = (await up("bench-node", progress, { realNode: true })).kubeconfig;
    startTimes.push(
      `| \`cluster:up --real-node\` (images cached, imported into a fresh containerd) | ${fmt(now() - t)} |`,
    );
  }
  const config = kubeconfig;
  const kc = new KubeConfig();
  kc.loadFromFile(config);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const namespace = `bench-node-${process.pid}`;
  await kubectl(config, ["create", "namespace", namespace]);
  await until("the default ServiceAccount", () =>
    core.readNamespacedServiceAccount({ name: "default", namespace }).then(() => true),
  );
  await kubectl(config, [
    "apply",
    "--server-side",
    "-k",
    new URL("../../dist/crds", import.meta.url).pathname,
  ]);
  await kubectl(config, [
    "wait",
    "--for=condition=Established",
    "--timeout=60s",
    "crd/sessions.stream.streamspace.io",
  ]);
  const template = parse(
    readFileSync(new URL("../../test/fixtures/templates/desktop-test.yaml", import.meta.url), "utf8"),
  ) as Template;
  template.metadata = { ...template.metadata, namespace };
  await kubectl(config, ["apply", "--server-side", "-f", "-"], { input: JSON.stringify(template) });
  const reconciler = await startReconciler({
    kubeConfig: loadKubeConfigFile(config),
    config: resolvePlatformConfig({
      namespace,
      sessionNamespace: namespace,
      sessions: { ...REAL_NODE_PLACEMENT, idleTimeout: "0" },
    }),
    identity: `bench-${process.pid}`,
    metricsPort: 0,
    leaderElection: false,
    log: createLogger({ level: "error" }),
  });

  const readSession = (name: string) =>
    custom.getNamespacedCustomObject({ ...SESSIONS, namespace, name }) as Promise<Session>;
  const createSession = (name: string, spec: Session["spec"]) =>
    kubectl(config, ["create", "-f", "-"], {
      input: JSON.stringify({
        apiVersion: `${API_GROUP}/${API_VERSION}`,
        kind: "Session",
        metadata: { name, namespace },
        spec,
      }),
    });
  const untilRunning = (name: string) =>
    until(`${name} Running`, async () =>
      (await readSession(name)).status?.phase === "Running" ? true : undefined,
    );
  const patchState = (name: string, state: string) =>
    kubectl(config, [
      "patch",
      "session",
      name,
      "-n",
      namespace,
      "--type=merge",
      "-p",
      JSON.stringify({ spec: { state } }),
    ]);
  const podsOf = async (name: string) =>
    (await core.listNamespacedPod({ namespace, labelSelector: `${SESSION_LABEL}=${name}` })).items;
  const endpointOf = (name: string) => async () => {
    const slices = await discovery.listNamespacedEndpointSlice({
      namespace,
      labelSelector: `kubernetes.io/service-name=${sessionObjectName(name)}`,
    });
    for (const slice of slices.items) {
      const port = slice.ports?.find((p) => p.name === "app")?.port;
      const ready = slice.endpoints.find((e) => e.conditions?.ready);
      if (port && ready?.addresses[0]) return { host: ready.addresses[0], port };
    }
    return undefined;
  };

  const timeline = new Timeline(kc, namespace, VNC_PORT);
  await timeline.start();
  const create: number[] = [];
  const running: number[] = [];
  const hibernate: number[] = [];
  const wake: number[] = [];
  const bare: number[] = [];
  const shape: number[] = [];
  let idle: { fresh: number[]; idle: number[] } = { fresh: [], idle: [] };
  const loads: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const name = `d-${i}`;
      progress(`session ${i + 1}/${runs}`);
      await sleep(phaseOffsetMs(3 * i));
      let t0 = now();
      timeline.begin(name, t0);
      await createSession(name, { user: "bench", template: "desktop-test" });
      await untilRunning(name);
      running.push(now() - t0);
      timeline.mark(name, "phase");
      const frame = await firstFrame("the first frame", endpointOf(name));
      timeline.mark(name, "frame", frame);
      timeline.end(name, "create");
      create.push(frame - t0);
      const firstPod = (await readSession(name)).status?.podName;
      const podSpec = (await apps.readNamespacedDeployment({ name: sessionObjectName(name), namespace })).spec
        ?.template.spec;
      if (!podSpec) throw new Error(`the Deployment of Session ${name} has no pod template`);

      t0 = now();
      await patchState(name, "hibernated");
      await until("the pod to go", async () => ((await podsOf(name)).length === 0 ? true : undefined));
      hibernate.push(now() - t0);

      await sleep(phaseOffsetMs(3 * i + 1));
      t0 = now();
      timeline.begin(name, t0);
      await patchState(name, "running");
      await until("Running again", async () => {
        const s = await readSession(name);
        return s.status?.phase === "Running" && s.status.podName !== firstPod ? true : undefined;
      });
      timeline.mark(name, "phase");
      const woken = await firstFrame("the first frame after wake", endpointOf(name));
      timeline.mark(name, "frame", woken);
      timeline.end(name, "wake");
      wake.push(woken - t0);
      await kubectl(config, ["delete", "session", name, "-n", namespace, "--wait=true"]);
      await until("the pod to go", async () => ((await podsOf(name)).length === 0 ? true : undefined));

      // Baseline: the same image as a bare pod, no reconciler, no Service.
      const pod = `bare-${i}`;
      await sleep(phaseOffsetMs(3 * i + 2));
      t0 = now();
      timeline.begin(pod, t0);
      await kubectl(config, ["create", "-n", namespace, "-f", "-"], { input: JSON.stringify(barePod(pod)) });
      const bareFrame = await firstFrame("the bare pod's first frame", async () => {
        const ip = (await core.readNamespacedPod({ name: pod, namespace })).status?.podIP;
        return ip ? { host: ip, port: VNC_PORT } : undefined;
      });
      timeline.mark(pod, "frame", bareFrame);
      timeline.end(pod, "bare");
      bare.push(bareFrame - t0);
      await kubectl(config, ["delete", "pod", pod, "-n", namespace, "--wait=true"]);

      // Baseline 2: the Session's own pod (its home claim included), no reconciler, no Service.
      const shaped = `shape-${i}`;
      await sleep(phaseOffsetMs(3 * runs + i));
      t0 = now();
      timeline.begin(shaped, t0);
      await kubectl(config, ["create", "-n", namespace, "-f", "-"], {
        input: JSON.stringify(sessionShapedPod(shaped, podSpec)),
      });
      const ip = await until("the Session-shaped pod to be Ready", async () => {
        const status = (await core.readNamespacedPod({ name: shaped, namespace })).status;
        const ready = status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
        return ready ? status?.podIP : undefined;
      });
      const shapedFrame = await firstFrame("the Session-shaped pod's first frame", async () => ({
        host: ip,
        port: VNC_PORT,
      }));
      timeline.mark(shaped, "frame", shapedFrame);
      timeline.end(shaped, "session pod");
      shape.push(shapedFrame - t0);
      await kubectl(config, ["delete", "pod", shaped, "-n", namespace, "--wait=true"]);
      loads.push(loadavg()[0] ?? 0);
    }
    idle = await reconnectAfterIdle({ createSession, untilRunning, endpointOf });
  } finally {
    timeline.stop();
    await reconciler.stop();
    await kubectl(config, ["delete", "namespace", namespace, "--wait=false"]).catch(() => undefined);
    if (!process.env.KUBECONFIG_BENCH) await down("bench-node");
  }

  const ratio = (p: number, base = bare) => (percentile(create, p) / percentile(base, p)).toFixed(2);
  return [
    `Real node (containerd 1.6, kubelet 1.34.4), image \`${DESKTOP_TEST_IMAGE}\` already imported; ${runs} Sessions one after the other,`,
    `each created with kubectl (after a pause spreading the starts over the kubelet's 1 s relist), then hibernated and woken; load average during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.`,
    "",
    "| measurement | runs | p50 ms | p95 ms | max ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    row("Session created → Running (pod Ready)", running),
    row("Session created → first VNC framebuffer update", create),
    row("hibernate → pod gone", hibernate),
    row("wake → first VNC framebuffer update", wake),
    row("baseline: bare pod created with kubectl → first framebuffer update", bare),
    row(`reconnect to a Running Session idle ${IDLE_SECONDS} s → first framebuffer update`, idle.idle),
    row("baseline: reconnect to the same Sessions just after their first frame", idle.fresh),
    row("baseline 2: the Session's pod spec created with kubectl → Ready → first framebuffer update", shape),
    "",
    `Ratio create → first frame / baseline: **${ratio(50)}×** at p50, **${ratio(95)}×** at p95.`,
    `Ratio create → first frame / baseline 2 (the platform's own share): **${ratio(50, shape)}×** at p50, **${ratio(95, shape)}×** at p95.`,
    "",
    "Where the time goes (each milestone as this process saw it, ms since `kubectl create` / the wake patch):",
    "",
    timeline.table(["create", "wake", "bare", "session pod"]),
    ...(startTimes.length ? ["", "| cluster start | ms |", "| --- | ---: |", ...startTimes] : []),
    "",
    "Command: `npm run bench -- real-node` (env: BENCH_REAL_NODE_SESSIONS, KUBECONFIG_BENCH).",
  ].join("\n");
}

/** How long the Sessions of the reconnect measurement sit with no viewer (x11vnc napped after ~60 s). */
const IDLE_SECONDS = 75;
const IDLE_SESSIONS = 5;

/**
 * A user who comes back to a desktop that has run a while: IDLE_SESSIONS Sessions, each read once
 * (and at once again: the baseline), then left without a viewer for IDLE_SECONDS, then read again.
 * Times are from connecting to the first full framebuffer update.
 */
async function reconnectAfterIdle(run: {
  createSession: (name: string, spec: Session["spec"]) => Promise<unknown>;
  untilRunning: (name: string) => Promise<unknown>;
  endpointOf: (name: string) => () => Promise<{ host: string; port: number } | undefined>;
}): Promise<{ fresh: number[]; idle: number[] }> {
  const names = Array.from({ length: IDLE_SESSIONS }, (_, i) => `idle-${i}`);
  for (const name of names)
    await run.createSession(name, { user: "bench-idle", template: "desktop-test", persistentHome: false });
  const timed = async (name: string) => {
    const at = await until(`the endpoint of ${name}`, run.endpointOf(name));
    const t0 = now();
    await readFramebuffer(at.host, at.port, 10_000);
    return now() - t0;
  };
  const fresh: number[] = [];
  for (const name of names) {
    await run.untilRunning(name);
    await until(`${name}'s first frame`, () => timed(name));
    fresh.push(await timed(name));
  }
  progress(`${IDLE_SESSIONS} Sessions idle for ${IDLE_SECONDS} s`);
  await sleep(IDLE_SECONDS * 1000);
  const idle: number[] = [];
  for (const name of names) idle.push(await timed(name));
  return { fresh, idle };
}

/** The Session's own pod, as its Deployment asks for it, keyed for the timeline instead of the Service. */
function sessionShapedPod(name: string, spec: V1PodSpec) {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, labels: { [BARE_LABEL]: name } }, spec };
}

/** The session pod's essentials: same image, node, security context and resources. */
function barePod(name: string) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { [BARE_LABEL]: name } },
    spec: {
      ...REAL_NODE_PLACEMENT,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: { runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: "app",
          image: DESKTOP_TEST_IMAGE,
          ports: [{ name: "app", containerPort: VNC_PORT }],
          resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "1", memory: "512Mi" } },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"], add: ["CHOWN", "SETUID", "SETGID"] },
          },
        },
      ],
    },
  };
}
