/**
 * The API's requests to the API server share a pool of kept-alive connections whose size the config
 * sets (api.kubeApiConnections): by default 100 concurrent launches each get a connection at once
 * (the pool used to hold 64, so 36 of them queued), a smaller pool is never exceeded, and a request
 * waiting for a free connection still fails at its deadline instead of waiting forever.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, test } from "vitest";
import { KubeTimeoutError } from "../../src/core/kube-http.js";
import { kubeConfigOf } from "../../src/core/kubeconfig-load.js";
import { ClusterView } from "../../src/server/cluster.js";
import { createLogger } from "../../src/telemetry/log.js";

let server: http.Server;
let kc: ReturnType<typeof kubeConfigOf>;
/** Requests the server holds unanswered, and the most connections it ever had open at once. */
let held: http.ServerResponse[];
let mostOpen: number;
const views: ClusterView[] = [];

beforeEach(async () => {
  held = [];
  mostOpen = 0;
  let open = 0;
  server = http.createServer((_req, res) => held.push(res));
  server.on("connection", (socket) => {
    mostOpen = Math.max(mostOpen, ++open);
    socket.on("close", () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  kc = kubeConfigOf(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {}, () => ({}));
});

afterEach(async () => {
  await Promise.all(views.splice(0).map((v) => v.stop()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function view(options?: ConstructorParameters<typeof ClusterView>[3]): ClusterView {
  const v = new ClusterView(kc, "ns", createLogger({ level: "error" }), options);
  views.push(v);
  return v;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

/** Answers every held request; returns how many. */
const answerAll = () => {
  const answering = held.splice(0);
  for (const res of answering) res.writeHead(201, { "content-type": "application/json" }).end("{}");
  return answering.length;
};

test("by default, 100 concurrent creates each get a connection at once", async () => {
  const cluster = view();
  const creates = Array.from({ length: 100 }, () => cluster.create("Session", {}));
  await until(() => held.length === 100);
  expect(held.length).toBe(100);
  answerAll();
  await Promise.all(creates);
});

test("a smaller pool is never exceeded; the requests beyond it are sent as connections free up", async () => {
  const cluster = view({ connections: 4 });
  const creates = Array.from({ length: 10 }, () => cluster.create("Session", {}));
  await until(() => held.length === 4);
  await new Promise((r) => setTimeout(r, 100));
  expect(held.length).toBe(4);
  for (let answered = 0; answered < 10; ) {
    await until(() => held.length > 0);
    answered += answerAll();
  }
  await Promise.all(creates);
  expect(mostOpen).toBe(4);
});

test("a request waiting for a free connection fails at its deadline", async () => {
  const cluster = view({ connections: 1, timeoutMs: 300 });
  const first = cluster.create("Session", {}).catch((e: unknown) => e);
  const queued = cluster.create("Session", {}).catch((e: unknown) => e);
  const started = Date.now();
  expect(await queued).toBeInstanceOf(KubeTimeoutError);
  expect(Date.now() - started).toBeLessThan(2_000);
  await first;
});
