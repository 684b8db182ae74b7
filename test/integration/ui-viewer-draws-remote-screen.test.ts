// The VNC viewer page (ui/viewer, noVNC) draws a real VNC server's screen on its canvas, and reconnects
// by itself when the connection drops. The VNC server is real (Xvfb + x11vnc showing a known colour);
// what serves the page, the session's events and the WebSocket-to-TCP bridge on one origin is a
// stand-in for the session gateway (the gateway issue's own tests cover the gateway).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { WebSocketServer } from "ws";
import { waitFor } from "../support/kube.js";
import { buildPortal, centrePixel, useBrowser, VIEWER_CONFIG } from "../support/portal.js";

const COLOUR = [0x33, 0x66, 0xcc] as const;
const browser = useBrowser("ui-viewer-draws-remote-screen");
const viewerDir = mkdtempSync(join(tmpdir(), "streamspace-viewer-"));
const processes: ChildProcess[] = [];
const bridges = new Set<{ close(): void }>();
let server: Server;
let origin = "";

async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { env, stdio: "ignore" });
  processes.push(child);
  return child;
}

beforeAll(async () => {
  await buildPortal(VIEWER_CONFIG, viewerDir);
  let display = 90;
  while (existsSync(`/tmp/.X11-unix/X${display}`) && display < 130) display += 1;
  // -noreset: else the root's colour is lost when xsetroot, the only client yet, disconnects.
  run("Xvfb", [`:${display}`, "-screen", "0", "640x480x24", "-nolisten", "tcp", "-noreset"]);
  await waitFor(() => existsSync(`/tmp/.X11-unix/X${display}`) || undefined, {
    what: "Xvfb up",
    timeoutMs: 15_000,
  });
  const env = { ...process.env, DISPLAY: `:${display}` };
  // The known picture; Xvfb's socket can exist a moment before it accepts clients, so retry.
  await waitFor(
    () =>
      new Promise<true | undefined>((resolve) =>
        run("xsetroot", ["-solid", "#3366cc"], env).on("exit", (code) => resolve(code === 0 || undefined)),
      ),
    { what: "the root window painted", timeoutMs: 15_000 },
  );
  const vncPort = await freePort();
  run("x11vnc", [
    "-display",
    `:${display}`,
    "-rfbport",
    String(vncPort),
    "-localhost",
    "-nopw",
    "-shared",
    "-forever",
    "-quiet",
  ]);
  await waitFor(
    () =>
      new Promise<true | undefined>((resolve) => {
        const probe = connect(vncPort, "127.0.0.1", () => {
          probe.destroy();
          resolve(true);
        });
        probe.on("error", () => resolve(undefined));
      }),
    { what: "x11vnc listening", timeoutMs: 15_000 },
  );

  // The gateway stand-in: the viewer under /_streamspace/viewer/, "ready" events, and the VNC bridge.
  const wss = new WebSocketServer({ noServer: true });
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/_streamspace/events") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`event: state\ndata: ${JSON.stringify({ state: "ready" })}\n\n`);
      return;
    }
    const prefix = "/_streamspace/viewer/";
    if (!path.startsWith(prefix)) return void res.writeHead(404).end();
    const file = normalize(join(viewerDir, path.slice(prefix.length) || "index.html"));
    if (!file.startsWith(viewerDir) || !existsSync(file)) return void res.writeHead(404).end();
    const type = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html" }[extname(file)];
    res.writeHead(200, { "content-type": type ?? "application/octet-stream" }).end(readFileSync(file));
  });
  server.on("upgrade", (req, socket, head) => {
    if (req.url !== "/_streamspace/vnc") return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const tcp = connect(vncPort, "127.0.0.1");
      const bridge = {
        close() {
          ws.terminate();
          tcp.destroy();
        },
      };
      bridges.add(bridge);
      tcp.on("data", (chunk) => ws.send(chunk));
      ws.on("message", (data) => tcp.write(data as Buffer));
      tcp.on("close", () => ws.close());
      ws.on("close", () => {
        tcp.destroy();
        bridges.delete(bridge);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  for (const bridge of bridges) bridge.close();
  // The pages' event streams are still open: the browser closes after this file's hooks.
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  // SIGKILL and wait: x11vnc outlived a SIGTERM sent while its display was going away.
  await Promise.all(
    processes
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once("exit", resolve).kill("SIGKILL"))),
  );
  rmSync(viewerDir, { recursive: true, force: true });
});

test("the viewer's canvas shows the remote screen's pixels", async () => {
  const page = await browser.newPage("viewer");
  await page.goto(`${origin}/_streamspace/viewer/`);
  await page.getByRole("status").getByText("Connected").waitFor();
  await expect.poll(() => centrePixel(page), { timeout: 10_000 }).toEqual([...COLOUR]);
  await browser.screenshot(page, "connected");
}, 60_000);

test("a dropped connection is shown and re-established by itself", async () => {
  const page = await browser.newPage("viewer");
  await page.goto(`${origin}/_streamspace/viewer/`);
  await page.getByRole("status").getByText("Connected").waitFor();
  for (const bridge of bridges) bridge.close();
  await page
    .getByRole("status")
    .getByText(/Connection lost; retrying/)
    .waitFor();
  await browser.screenshot(page, "connection-lost");
  await page.getByRole("status").getByText("Connected").waitFor({ timeout: 15_000 });
  await expect.poll(() => centrePixel(page), { timeout: 10_000 }).toEqual([...COLOUR]);
}, 60_000);
