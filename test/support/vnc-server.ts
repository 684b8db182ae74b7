// A real VNC server for tests: Xvfb with a known picture (the root window painted one colour by
// xsetroot), served by x11vnc on a test host (its own network namespace). Debian packages xvfb,
// x11vnc, x11-xserver-utils.
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { waitFor } from "./kube.js";
import { stopProcess, type TestHost } from "./test-host.js";

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface VncServer {
  readonly port: number;
  stop(): Promise<void>;
}

export async function canConnect(host: string, port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const s = connect({ host, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

/** Starts Xvfb on a free display, paints it `colour` (e.g. "#3366cc"), and serves it with x11vnc. */
export async function startVncServer(
  host: TestHost,
  opts: { colour: string; width?: number; height?: number },
): Promise<VncServer> {
  const size = `${opts.width ?? 320}x${opts.height ?? 240}x24`;
  // -displayfd: Xvfb picks a free display itself and prints its number (no clash with other X servers);
  // -noreset: without it the server resets, painting the root black again, when xsetroot disconnects.
  const xvfb = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", size, "-nolisten", "tcp", "-noreset"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let out = "";
    xvfb.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(`:${out.trim()}`);
    });
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}); is the xvfb package installed?`)));
  });
  await waitFor(
    async () => {
      try {
        await run("xsetroot", ["-display", display, "-solid", opts.colour]);
        return true;
      } catch {
        return undefined;
      }
    },
    { what: `Xvfb on ${display}`, timeoutMs: 15_000, intervalMs: 200 },
  );
  const port = 5900;
  const vnc = host.spawn(
    "x11vnc",
    [
      "-display",
      display,
      "-rfbport",
      String(port),
      "-listen",
      host.address,
      "-nopw",
      "-forever",
      "-shared",
      "-quiet",
      "-noxdamage",
      // The pointer would be drawn into the picture.
      "-nocursor",
    ],
    { stdio: "ignore" },
  );
  await waitFor(() => canConnect(host.address, port).then((ok) => ok || undefined), {
    what: `x11vnc on ${host.address}:${port}`,
    timeoutMs: 15_000,
    intervalMs: 200,
  });
  return {
    port,
    async stop() {
      await stopProcess(vnc);
      await stopProcess(xvfb);
    },
  };
}
