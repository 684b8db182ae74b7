/**
 * Stopping a request never ends the process: an abort from inside a watch's line handler (the server's
 * ERROR line and the end of the stream in one packet, as a 410 arrives) once raised an AbortError on
 * the pooled socket, where nobody listened. And a request leaves nothing behind in a long-lived signal
 * it was made under.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { KubeTimeoutError, kubeRequest, watchLines } from "../../src/core/kube-http.js";
import { heldBy } from "../support/signals.js";

let server: http.Server;
let kc: { getCurrentCluster(): { server: string }; applyToHTTPSOptions(): Promise<void> };
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith("/hang")) return; // never answers
    if (req.url?.startsWith("/endless")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"type":"ADDED","object":{}}\n'); // and never ends
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"type":"ERROR","object":{"code":410}}\n');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  kc = {
    getCurrentCluster: () => ({ server: `http://127.0.0.1:${port}` }),
    applyToHTTPSOptions: async () => {},
  };
  process.on("uncaughtException", onUncaught);
});

afterAll(() => {
  process.off("uncaughtException", onUncaught);
  server.closeAllConnections();
  server.close();
});

test("aborting from a watch line handler as the stream ends raises nothing", async () => {
  for (let i = 0; i < 5; i++) {
    const conn = new AbortController();
    await watchLines(kc, "/watch", {}, conn.signal, () => conn.abort()).catch(() => {});
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(uncaught).toEqual([]);
});

test("aborting a request still waiting for its answer rejects it at once", async () => {
  const stop = new AbortController();
  const pending = kubeRequest(kc, "/hang", { signal: stop.signal });
  setTimeout(() => stop.abort(), 20);
  await expect(pending).rejects.toThrow();
  expect(uncaught).toEqual([]);
});

test("stopping a watch whose stream goes on ends it", async () => {
  const stop = new AbortController();
  let lines = 0;
  const watching = watchLines(kc, "/endless", {}, stop.signal, () => {
    lines++;
    stop.abort();
  });
  await expect(watching).rejects.toThrow();
  expect(lines).toBe(1);
  expect(uncaught).toEqual([]);
}, 5_000);

test("a long-lived signal holds nothing of the requests made under it once they are done", async () => {
  const process = new AbortController();
  for (let i = 0; i < 50; i++) await kubeRequest(kc, "/ok", { signal: process.signal });
  await expect(kubeRequest(kc, "/hang", { signal: process.signal, timeoutMs: 20 })).rejects.toThrow(
    KubeTimeoutError,
  );
  expect(heldBy(process.signal)).toBe(0);
});
