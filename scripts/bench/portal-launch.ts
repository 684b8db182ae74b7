/**
 * `npm run bench -- portal-launch`: a person's launch, timed in the portal on the local cluster's real
 * node: click "Launch" on the desktop test Template's card → "Open" as soon as it shows → the viewer's
 * canvas has drawn the session's first frame (its known colour), in headless Debian Chromium, through the
 * real API, its in-process gateway and a reconciler (PGlite; the desktop test image already imported).
 * Each launch is split at timestamps on one clock: the API's answer to the POST, Running in the API's
 * informer (the reconciler and the kubelet), the viewer's /connect request (the portal), the first
 * WebSocket bytes from the VNC bridge (the gateway: ticket exchange, viewer page, bridge to the pod) and
 * the first frame drawn (noVNC). Baseline in the same run, after each launch: opening the same running
 * session's viewer again (page load → first frame drawn), i.e. everything but the launch.
 * Env: BENCH_PORTAL_LAUNCHES (default 20), KUBECONFIG_BENCH (a cluster with the real node; required).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, Page, Request, WebSocket } from "playwright-core";
import { build } from "vite";
import { parse } from "yaml";
import type { Template } from "../../src/api/generated/types.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { ephemeralTicketSettings } from "../../src/gateway/ticket.js";
import { hashPassword } from "../../src/identity/passwords.js";
import { createUser } from "../../src/identity/users.js";
import { startReconciler } from "../../src/reconciler/start.js";
import { startApi } from "../../src/server/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { CHROMIUM, launchChromium } from "../chromium.js";
import { REAL_NODE_PLACEMENT } from "../cluster/real-node.js";
import { DESKTOP_COLOUR } from "../images/definitions.js";
import { freePort, kubectl, sleep } from "./sessions-support.js";
import { fmt, percentile } from "./stats.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const PASSWORD = "bench password 1";
/** Every wait is bounded: a stuck run fails instead of hanging. */
const STEP_TIMEOUT_MS = 120_000;
const progress = (line: string) => process.stderr.write(`[bench portal-launch] ${line}\n`);

/** In the viewer's frame: resolves with the browser's clock once the canvas shows the desktop's colour
 *  (away from the centre, where a VNC server may draw the pointer). */
async function firstFrameDrawn(frame: Frame): Promise<number> {
  const { red, green, blue } = DESKTOP_COLOUR;
  // A promise the page resolves itself, checked at every animation frame (the page's CSP forbids the
  // eval that waitForFunction would need).
  return frame.evaluate<number>(`new Promise((resolve, reject) => {
    const giveUp = setTimeout(() => reject(new Error("no first frame")), ${STEP_TIMEOUT_MS});
    const tick = () => {
      const canvas = document.querySelector("#screen canvas");
      const ctx = canvas && canvas.width && canvas.getContext("2d");
      if (ctx) {
        const [r, g, b] = ctx.getImageData(Math.floor(canvas.width * 0.1), Math.floor(canvas.height * 0.1), 1, 1).data;
        if (r === ${red} && g === ${green} && b === ${blue}) {
          clearTimeout(giveUp);
          return resolve(Date.now());
        }
      }
      requestAnimationFrame(tick);
    };
    tick();
  })`);
}

/** The viewer's frame on the session's origin, once the page has one. */
async function viewerFrame(page: Page, session: string): Promise<Frame> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes(`//ss-${session}.localhost:`));
    if (frame && new URL(frame.url()).pathname === "/_streamspace/viewer/") return frame;
    if (Date.now() > deadline) throw new Error(`no viewer frame for ${session}`);
    await sleep(10);
  }
}

interface Launch {
  api: number;
  reconciler: number;
  portal: number;
  gateway: number;
  draw: number;
  total: number;
  reopen: number;
}

const row = (label: string, samples: number[]) =>
  `| ${label} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 95))} | ${fmt(Math.max(...samples))} |`;

export async function benchPortalLaunch(): Promise<string> {
  const runs = Number(process.env.BENCH_PORTAL_LAUNCHES ?? 20);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error("BENCH_PORTAL_LAUNCHES must be a positive integer");
  const kubeconfig = process.env.KUBECONFIG_BENCH;
  if (!kubeconfig)
    throw new Error(
      "KUBECONFIG_BENCH: set it to the kubeconfig of a cluster with the real node (npm run cluster:up -- --real-node)",
    );
  const uiDir = mkdtempSync(join(tmpdir(), "bench-launch-ui-"));
  const viewerDir = mkdtempSync(join(tmpdir(), "bench-launch-viewer-"));
  const dataDir = mkdtempSync(join(tmpdir(), "bench-launch-db-"));
  const profile = mkdtempSync(join(tmpdir(), "bench-launch-chromium-"));
  for (const [config, outDir] of [
    ["ui/vite.config.ts", uiDir],
    ["ui/viewer/vite.config.ts", viewerDir],
  ] as const)
    await build({ configFile: join(ROOT, config), logLevel: "error", build: { outDir, emptyOutDir: true } });

  const namespace = `bench-launch-${process.pid}`;
  await kubectl(kubeconfig, ["create", "namespace", namespace]);
  await kubectl(kubeconfig, ["apply", "--server-side", "-k", join(ROOT, "dist/crds")]);
  const template = parse(
    readFileSync(join(ROOT, "test/fixtures/templates/desktop-test.yaml"), "utf8"),
  ) as Template;
  template.metadata = { ...template.metadata, namespace };
  await kubectl(kubeconfig, ["apply", "--server-side", "-f", "-"], { input: JSON.stringify(template) });

  const db = await openDatabase({ dataDir });
  await migrate(db);
  await createUser(db, { name: "alice", passwordHash: await hashPassword(PASSWORD), admin: false });
  await db.close();
  const config = resolvePlatformConfig({
    namespace,
    sessionNamespace: namespace,
    sessions: { ...REAL_NODE_PLACEMENT, idleTimeout: "0" },
  });
  const log = createLogger({ level: "error" });
  const reconciler = await startReconciler({
    kubeConfig: loadKubeConfigFile(kubeconfig),
    config,
    identity: `bench-${process.pid}`,
    metricsPort: 0,
    leaderElection: false,
    log,
  });
  const api = await startApi({
    config,
    kubeConfig: loadKubeConfigFile(kubeconfig),
    database: { dataDir },
    log,
    port: 0,
    host: "127.0.0.1",
    ui: { dir: uiDir },
    gateway: {
      tickets: ephemeralTicketSettings(),
      serve: { port: await freePort(), metricsPort: 0, host: "127.0.0.1", viewerDir },
    },
  });
  const context = await launchChromium(profile);
  const launches: Launch[] = [];
  const loads: number[] = [];
  try {
    await api.context.cluster.whenSynced();
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(api.url);
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();

    // The first launch warms up (the home claim binds, caches fill) and is not counted.
    for (let i = 0; i <= runs; i++) {
      progress(i === 0 ? "warm-up launch" : `launch ${i}/${runs}`);
      await page.goto(`${api.url}/catalog`);
      const card = page.getByRole("article", { name: "Desktop test" });
      const launch = card.getByRole("button", { name: "Launch" });
      await launch.waitFor();
      let firstBytes = 0;
      let connectAt = 0;
      const onSocket = (ws: WebSocket) => {
        if (!ws.url().endsWith("/_streamspace/vnc")) return;
        ws.once("framereceived", () => {
          firstBytes ||= Date.now();
        });
      };
      const onRequest = (request: Request) => {
        if (request.url().endsWith("/connect")) connectAt ||= Date.now();
      };
      page.on("websocket", onSocket);
      page.on("request", onRequest);
      const created = page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().endsWith("/api/v1/sessions"),
      );
      const clicked = Date.now();
      await launch.click();
      const answer = await created;
      const answered = Date.now();
      const name = ((await answer.json()) as { name: string }).name;
      // Running as the API's informer sees it: the reconciler's and the kubelet's share ends here.
      const runningAt = (async () => {
        const deadline = Date.now() + STEP_TIMEOUT_MS;
        for (;;) {
          if (api.context.cluster.session(name)?.status?.phase === "Running") return Date.now();
          if (Date.now() > deadline) throw new Error(`${name} did not run`);
          await sleep(10);
        }
      })();
      await page
        .getByRole("row", { name: new RegExp(`${name}`) })
        .getByRole("button", { name: "Open" })
        .click();
      const drawn = await firstFrameDrawn(await viewerFrame(page, name));
      const running = await runningAt;
      page.off("websocket", onSocket);
      page.off("request", onRequest);

      // Baseline: the same session's viewer opened again.
      const reopened = Date.now();
      await page.goto(`${api.url}/sessions/${name}`);
      const redrawn = await firstFrameDrawn(await viewerFrame(page, name));
      if (i > 0)
        launches.push({
          api: answered - clicked,
          reconciler: running - answered,
          portal: connectAt - running,
          gateway: firstBytes - connectAt,
          draw: drawn - firstBytes,
          total: drawn - clicked,
          reopen: redrawn - reopened,
        });
      loads.push(loadavg()[0] ?? 0);
      await kubectl(kubeconfig, ["delete", "session", name, "-n", namespace, "--wait=true"]);
    }
  } finally {
    await context.close();
    await api.stop();
    await reconciler.stop();
    await kubectl(kubeconfig, ["delete", "namespace", namespace, "--wait=false"]);
    for (const dir of [uiDir, viewerDir, dataDir, profile]) rmSync(dir, { recursive: true, force: true });
  }
  const of = (k: keyof Launch) => launches.map((l) => l[k]);
  const ratio = percentile(of("total"), 50) / percentile(of("reopen"), 50);
  return [
    `${runs} launches in headless Chromium ${CHROMIUM}, one after the other, each terminated before the next (one warm-up launch not counted); load average during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.`,
    "",
    "| step | p50 ms | p95 ms | max ms |",
    "| --- | ---: | ---: | ---: |",
    row("**click Launch → first frame drawn** (goal < 3 s)", of("total")),
    row("API: click → POST /api/v1/sessions answered", of("api")),
    row("reconciler + kubelet: answered → Running in the API's informer", of("reconciler")),
    row("portal: Running → Open clicked, /connect asked", of("portal")),
    row("gateway: /connect → first VNC bytes over its WebSocket", of("gateway")),
    row("noVNC: first bytes → first frame drawn", of("draw")),
    row("baseline: reopen the running session's viewer → first frame drawn", of("reopen")),
    "",
    `Launch/baseline p50: ${ratio.toFixed(2)}x.`,
    "",
    "Command: `KUBECONFIG_BENCH=<cluster with the real node> npm run bench -- portal-launch` (env: BENCH_PORTAL_LAUNCHES).",
  ].join("\n");
}
