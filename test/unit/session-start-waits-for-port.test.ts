import { execFile } from "node:child_process";
import { createServer, type Server } from "node:net";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { Template } from "../../src/api/generated/types.js";
import { bundle, containerOf, desktopTemplate, makeSession } from "./fixtures/session-fixtures.js";

const run = promisify(execFile);

function hookOf(template: Template): string[] | undefined {
  const container = containerOf(bundle({ session: makeSession({ spec: { template: "app" } }), template }));
  return container.lifecycle?.postStart?.exec?.command;
}

/** A free loopback port, closed again. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a session's container is reported started only once its app listens", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it("the start hook, run by the machine's sh, returns once the app's port listens, not before", async () => {
    const port = await freePort();
    const command = hookOf(desktopTemplate({ vnc: { port, protocol: "websocket", encryption: false } }));
    expect(command?.[0]).toBe("/bin/sh");
    const [file, ...args] = command as string[];
    let listeningAt = 0;
    setTimeout(() => {
      server = createServer().listen(port, "127.0.0.1", () => {
        listeningAt = Date.now();
      });
    }, 600);
    const started = Date.now();
    const { stdout, stderr } = await run(file as string, args, { timeout: 10_000 });
    const returnedAt = Date.now();
    expect(stdout + stderr).toBe("");
    expect(listeningAt).toBeGreaterThan(0);
    expect(returnedAt).toBeGreaterThanOrEqual(listeningAt);
    // It polls every 25 ms: it returns soon after the port listens, far before its 30 s bound.
    expect(returnedAt - started).toBeLessThan(5_000);
  });

  it("an image without a shell (imageHasShell: false) gets no hook, which could not run in it", () => {
    expect(hookOf(desktopTemplate({ imageHasShell: false }))).toBeUndefined();
  });
});
