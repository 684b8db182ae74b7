/**
 * A long-lived signal (the work queue's, the leader's, an informer's) keeps nothing of the work done
 * under it. With AbortSignal.any, Node 20 kept a WeakRef per call in the parent for the parent's whole
 * life: 58 bytes a reconcile or request, a million reconciles a day at 5,000 Sessions.
 */
import { getEventListeners } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { KubeTimeoutError, kubeRequest } from "../../src/core/kube-http.js";
import { linkedSignal } from "../../src/core/linked-signal.js";

let server: http.Server;
let kc: { getCurrentCluster(): { server: string }; applyToHTTPSOptions(): Promise<void> };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith("/hang")) return;
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  kc = {
    getCurrentCluster: () => ({ server: `http://127.0.0.1:${port}` }),
    applyToHTTPSOptions: async () => {},
  };
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** What a signal holds for the signals made from it: its abort listeners and Node's dependant set. */
function heldBy(signal: AbortSignal): number {
  const dependants = Object.getOwnPropertySymbols(signal).find((s) => s.description === "kDependantSignals");
  const set = dependants ? (signal as unknown as Record<symbol, Set<unknown>>)[dependants] : undefined;
  return getEventListeners(signal, "abort").length + (set?.size ?? 0);
}

test("a long-lived signal holds nothing of the requests made under it once they are done", async () => {
  const process = new AbortController();
  for (let i = 0; i < 50; i++) await kubeRequest(kc, "/ok", { signal: process.signal });
  await expect(kubeRequest(kc, "/hang", { signal: process.signal, timeoutMs: 20 })).rejects.toThrow(
    KubeTimeoutError,
  );
  expect(heldBy(process.signal)).toBe(0);
});

test("the linked signal aborts with its parent's reason, and says it was not the deadline", () => {
  const parent = new AbortController();
  const link = linkedSignal([undefined, parent.signal], 60_000);
  parent.abort(new Error("stopping"));
  expect(link.signal.aborted).toBe(true);
  expect((link.signal.reason as Error).message).toBe("stopping");
  expect(link.timedOut).toBe(false);
  expect(heldBy(parent.signal)).toBe(0);
});

test("the linked signal aborts at its deadline and says so; a parent already aborted aborts it at once", async () => {
  const parent = new AbortController();
  const link = linkedSignal([parent.signal], 10);
  await new Promise((resolve) => link.signal.addEventListener("abort", resolve));
  expect(link.timedOut).toBe(true);
  expect((link.signal.reason as DOMException).name).toBe("TimeoutError");
  expect(heldBy(parent.signal)).toBe(0);

  parent.abort(new Error("gone"));
  const late = linkedSignal([parent.signal], 10);
  expect(late.signal.aborted).toBe(true);
  expect((late.signal.reason as Error).message).toBe("gone");
});
