// End-to-end tests of the web portal: the UI built from ui/ by Vite, served by the real API (PGlite, real
// informers) for the file's namespace, a real reconciler on the local cluster, and Debian's Chromium
// driven by playwright-core. Each test saves screenshots of what a user saw (test-artifacts/, not committed).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, expect } from "vitest";
import { launchChromium } from "../../scripts/chromium.js";
import { ephemeralTicketSettings } from "../../src/gateway/ticket.js";
import { type ApiHarness, type ApiOverrides, PASSWORD, type TestUser, useApi } from "./api.js";
import { ENGINES } from "./databases.js";
import { useReconciler } from "./streamspace.js";
import { freePort } from "./vnc-server.js";

const ARTIFACTS = new URL("../../test-artifacts/ui/", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

export const PORTAL_CONFIG = join(ROOT, "ui/vite.config.ts");
export const VIEWER_CONFIG = join(ROOT, "ui/viewer/vite.config.ts");

/** Builds a Vite app of ui/ from the current source into `outDir`, as `npm run build:ui` does. */
export async function buildPortal(configFile: string, outDir: string): Promise<void> {
  await build({
    configFile,
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
}

export interface Browser {
  /** A page in a fresh browser profile (no cookies), watched for console errors. */
  newPage(name: string): Promise<Page>;
  /** Saves a screenshot as a test artifact: test-artifacts/ui/<file>/<n>-<step>.png. */
  screenshot(page: Page, step: string): Promise<void>;
}

/**
 * Debian's Chromium for a test file, closed after it. After each test, the pages must have logged no
 * console error and thrown nothing (`allowed` names console errors a test expects).
 */
export function useBrowser(
  file: string,
  allowed: (text: string, url: string) => boolean = () => false,
): Browser {
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  let problems: string[] = [];
  let shot = 0;
  afterEach(() => {
    const seen = problems;
    problems = [];
    expect(seen, "console errors or uncaught exceptions in the page").toEqual([]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async newPage(name) {
      const profile = mkdtempSync(join(tmpdir(), "streamspace-chromium-"));
      profiles.push(profile);
      const context = await launchChromium(profile);
      contexts.push(context);
      context.setDefaultTimeout(20_000);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const where = message.location().url;
        if (!allowed(message.text(), where)) problems.push(`${name}: ${message.text()} (${where})`);
      });
      page.on("pageerror", (error) => problems.push(`${name}: ${error.message}`));
      return page;
    },
    async screenshot(page, step) {
      const dir = join(ARTIFACTS, file);
      mkdirSync(dir, { recursive: true });
      shot += 1;
      await page.screenshot({
        path: join(dir, `${String(shot).padStart(2, "0")}-${step}.png`),
        fullPage: true,
      });
    },
  };
}

/**
 * The RGB of the remote screen at a fraction of its width and height, as the viewer's canvas holds it
 * (evaluated in the browser: no DOM types here); [] before the canvas exists.
 */
export function screenPixel(viewer: Page | Frame, fx: number, fy: number): Promise<number[]> {
  return viewer.evaluate<number[]>(`(() => {
    const canvas = document.querySelector("#screen canvas");
    const ctx = canvas && canvas.getContext("2d");
    if (!ctx || !canvas.width) return [];
    const [x, y] = [Math.floor(canvas.width * ${fx}), Math.floor(canvas.height * ${fy})];
    return [...ctx.getImageData(x, y, 1, 1).data].slice(0, 3);
  })()`);
}

/** The RGB of the remote screen's centre as the viewer's canvas holds it. */
export function centrePixel(viewer: Page | Frame): Promise<number[]> {
  return screenPixel(viewer, 0.5, 0.5);
}

/** The share of the viewer canvas's pixels that have exactly this RGB (0 before the canvas exists). */
export function screenShare(viewer: Page | Frame, [r, g, b]: readonly number[]): Promise<number> {
  return viewer.evaluate<number>(`(() => {
    const canvas = document.querySelector("#screen canvas");
    const ctx = canvas && canvas.getContext("2d");
    if (!ctx || !canvas.width) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let same = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === ${r} && data[i + 1] === ${g} && data[i + 2] === ${b}) same += 1;
    return same / (data.length / 4);
  })()`);
}

/** The frame of the page that shows the session's own origin (the gateway's viewer or app). */
export function sessionFrame(page: Page, session: string, gatewayPort: number): Frame {
  const frame = page
    .frames()
    .find((f) => f.url().startsWith(`http://ss-${session}.localhost:${gatewayPort}/`));
  if (!frame) throw new Error(`no frame on the session origin: ${page.frames().map((f) => f.url())}`);
  return frame;
}

/** Signs in to the portal at `url` through its form, as a person would. */
export async function signInThroughForm(page: Page, url: string, user: TestUser): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

export interface Portal extends Browser {
  readonly namespace: string;
  readonly api: ApiHarness;
  /** The in-process gateway's port (with `gateway: true`), for session origins ss-<name>.localhost. */
  readonly gatewayPort: number;
  /** Signs in through the form, as a person would. */
  signIn(page: Page, user: TestUser): Promise<void>;
}

/**
 * Everything a portal test file needs, torn down after it: namespace, CRDs and reconciler (with
 * `setup`, e.g. Templates), the portal built and served by the API, and Chromium (useBrowser).
 */
export function usePortal(
  file: string,
  setup: (namespace: string) => Promise<void> = async () => {},
  options: {
    api?: Omit<ApiOverrides, "ui" | "gateway">;
    /** Platform config of the reconciler, e.g. placement on the real node. */
    reconciler?: Record<string, unknown>;
    /** Serve the gateway in-process, with the noVNC viewer built from ui/viewer/ (as `streamspace api`). */
    gateway?: boolean;
    /** Console errors of other sites the test visits (besides the signed-out 401 on /api/v1/me). */
    allowed?: (text: string, url: string) => boolean;
  } = {},
): Portal {
  const uiDir = mkdtempSync(join(tmpdir(), "streamspace-ui-"));
  const viewerDir = mkdtempSync(join(tmpdir(), "streamspace-viewer-"));
  const pglite = ENGINES.find((e) => e.engine === "pglite");
  if (!pglite) throw new Error("no PGlite engine in test/support/databases.ts");

  afterAll(() => {
    rmSync(uiDir, { recursive: true, force: true });
    rmSync(viewerDir, { recursive: true, force: true });
  });
  const ns = useReconciler(file.slice(0, 20), options.reconciler, setup);
  let gatewayPort = 0;
  const api = useApi(
    () => ns.name,
    pglite,
    async (): Promise<ApiOverrides> => {
      await buildPortal(PORTAL_CONFIG, uiDir);
      if (!options.gateway) return { ...options.api, ui: { dir: uiDir } };
      await buildPortal(VIEWER_CONFIG, viewerDir);
      gatewayPort = await freePort();
      return {
        ...options.api,
        ui: { dir: uiDir },
        gateway: {
          tickets: ephemeralTicketSettings(),
          serve: { port: gatewayPort, metricsPort: 0, host: "127.0.0.1", viewerDir },
        },
      };
    },
  );
  // Signed out, the portal asks /api/v1/me once to learn so; the browser logs that 401 itself.
  const browser = useBrowser(
    file,
    (text, url) =>
      (url.endsWith("/api/v1/me") && text.includes("401")) || (options.allowed?.(text, url) ?? false),
  );

  return {
    ...browser,
    get namespace() {
      return ns.name;
    },
    api,
    get gatewayPort() {
      if (!gatewayPort) throw new Error("usePortal: no gateway (pass gateway: true)");
      return gatewayPort;
    },
    signIn: (page, user) => signInThroughForm(page, api.url, user),
  };
}
