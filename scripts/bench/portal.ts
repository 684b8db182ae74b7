/**
 * `npm run bench -- portal`: a cold load of the web portal in headless Debian Chromium (fresh profile,
 * empty cache each time) from the real API (PGlite, informers on a local control plane): bytes
 * transferred and time until the sign-in form can be used; and the initial JavaScript's gzipped size.
 * Baseline in the same run: the same browser loading one static file (the favicon) from the same server.
 * Env: BENCH_PORTAL_LOADS (default 15), KUBECONFIG_BENCH (reuse that cluster instead of starting one).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { build } from "vite";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { startApi } from "../../src/server/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { CHROMIUM, launchChromium } from "../chromium.js";
import { down, up } from "../cluster/cluster.js";
import { fmt, percentile } from "./stats.js";

const ROOT = new URL("../../", import.meta.url).pathname;

type Load = { ms: number; bytes: number };

/** One cold load: a new browser profile, navigation until `ready` resolves; bytes from the network log. */
async function coldLoad(url: string, ready: (page: Page) => Promise<void>): Promise<Load> {
  const profile = mkdtempSync(join(tmpdir(), "bench-portal-chromium-"));
  const context = await launchChromium(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let bytes = 0;
    cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    const start = performance.now();
    await page.goto(url);
    await ready(page);
    const ms = performance.now() - start;
    return { ms, bytes };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function summary(name: string, loads: Load[]): string {
  const ms = loads.map((l) => l.ms);
  const bytes = loads.map((l) => l.bytes);
  return `| ${name} | ${fmt(percentile(ms, 50))} | ${fmt(percentile(ms, 95))} | ${(percentile(bytes, 50) / 1024).toFixed(1)} |`;
}

export async function benchPortal(): Promise<string> {
  const runs = Number(process.env.BENCH_PORTAL_LOADS ?? 15);
  const outDir = mkdtempSync(join(tmpdir(), "bench-portal-ui-"));
  const dataDir = mkdtempSync(join(tmpdir(), "bench-portal-db-"));
  await build({
    configFile: join(ROOT, "ui/vite.config.ts"),
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
  const js = readdirSync(join(outDir, "assets")).filter((f) => f.endsWith(".js"));
  const jsRaw = js.reduce((sum, f) => sum + readFileSync(join(outDir, "assets", f)).length, 0);
  const jsGzip = js.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(outDir, "assets", f)), { level: 9 }).length,
    0,
  );

  const reuse = process.env.KUBECONFIG_BENCH;
  const cluster = reuse ? undefined : await up("bench-portal");
  const namespace = "default";
  const api = await startApi({
    config: resolvePlatformConfig({ namespace, sessionNamespace: namespace }),
    kubeConfig: loadKubeConfigFile(reuse ?? cluster?.kubeconfig ?? ""),
    database: { dataDir },
    log: createLogger({ level: "error" }),
    port: 0,
    host: "127.0.0.1",
    ui: { dir: outDir },
  });
  try {
    await api.context.cluster.whenSynced();
    const baseline: Load[] = [];
    const portal: Load[] = [];
    // Alternate, so that load on the shared machine hits both alike; the first of each is a warm-up.
    for (let i = 0; i <= runs; i++) {
      const b = await coldLoad(`${api.url}/favicon.svg`, async (page) => {
        await page.locator("svg").waitFor();
      });
      const p = await coldLoad(api.url, async (page) => {
        await page.getByRole("button", { name: "Sign in" }).waitFor();
      });
      if (i > 0) {
        baseline.push(b);
        portal.push(p);
      }
    }
    const ratio =
      percentile(
        portal.map((l) => l.ms),
        50,
      ) /
      percentile(
        baseline.map((l) => l.ms),
        50,
      );
    return [
      `Cold loads in headless Chromium ${CHROMIUM} (fresh profile each, ${runs} runs after a warm-up, loopback).`,
      "Time is from navigation start until the sign-in form's button is shown (React rendered after `/api/v1/me` answered).",
      "",
      "| page | p50 ms | p95 ms | bytes transferred p50 (KiB) |",
      "| --- | ---: | ---: | ---: |",
      summary("baseline: a static SVG from the same server", baseline),
      summary("portal sign-in page (HTML, JS, CSS, favicon, /api/v1/me, /api/v1/auth/providers)", portal),
      "",
      `Portal/baseline p50 time: ${ratio.toFixed(2)}x. Initial JavaScript: ${(jsRaw / 1024).toFixed(1)} KiB, ${(jsGzip / 1024).toFixed(1)} KiB gzipped (goal < 300 KB).`,
      "",
      "Command: `npm run bench -- portal` (env: BENCH_PORTAL_LOADS, KUBECONFIG_BENCH).",
    ].join("\n");
  } finally {
    await api.stop();
    if (cluster) await down("bench-portal");
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
