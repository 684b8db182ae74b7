import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { KubeConfig, type V1ConfigMap } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { Informer, type RestartReason } from "../../src/core/informer.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

// Faults are injected by a real HTTP proxy in front of the real apiserver: it can cut connections
// (network blip), stop forwarding bytes while keeping them open (half-dead TCP), and rewrite the next
// watch's resourceVersion to one the apiserver has long forgotten (as after a long disconnect) so that the
// 410 Gone comes from the apiserver itself.
class FaultyProxy {
  private readonly server: http.Server;
  private readonly upstream: KubeConfig;
  private readonly streams = new Set<{ res: http.ServerResponse; frozen: boolean }>();
  private refusing = false;
  private expireNextWatch = false;
  port = 0;

  constructor(upstream: KubeConfig) {
    this.upstream = upstream;
    this.server = http.createServer((req, res) => void this.forward(req, res));
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** A kubeconfig that reaches the apiserver through this proxy (the proxy adds the credentials). */
  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "proxy", server: `http://127.0.0.1:${this.port}`, skipTLSVerify: true }],
      users: [{ name: "anonymous" }],
      contexts: [{ name: "proxy", cluster: "proxy", user: "anonymous" }],
      currentContext: "proxy",
    });
    return kc;
  }

  /** Drops every open connection and refuses new ones until `restore()`. */
  cut(): void {
    this.refusing = true;
    for (const s of this.streams) s.res.destroy();
    this.server.closeAllConnections();
  }

  restore(): void {
    this.refusing = false;
  }

  /** Open streams stay connected but receive nothing more; new requests work. */
  freeze(): void {
    for (const s of this.streams) s.frozen = true;
  }

  expireNextWatchRequest(): void {
    this.expireNextWatch = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server.close(r));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.refusing) {
      req.socket.destroy();
      return;
    }
    const cluster = this.upstream.getCurrentCluster();
    const url = new URL((cluster?.server ?? "") + (req.url ?? "/"));
    if (this.expireNextWatch && url.searchParams.get("watch") === "true") {
      this.expireNextWatch = false;
      url.searchParams.set("resourceVersion", "1");
    }
    const opts: https.RequestOptions = {};
    await this.upstream.applyToHTTPSOptions(opts);
    const stream = { res, frozen: false };
    this.streams.add(stream);
    res.on("close", () => this.streams.delete(stream));
    const upstreamReq = https.request(
      url,
      { ...opts, method: req.method, headers: { ...opts.headers, accept: "application/json" } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.on("data", (chunk) => {
          if (!stream.frozen) res.write(chunk);
        });
        up.on("end", () => res.end());
        res.on("close", () => up.destroy());
      },
    );
    upstreamReq.on("error", () => res.destroy());
    upstreamReq.end();
  }
}

const ns = useNamespace("informer-recovery");
let proxy: FaultyProxy;
let informer: Informer<V1ConfigMap> | undefined;

beforeAll(async () => {
  proxy = new FaultyProxy(kubeConfig());
  await proxy.listen();
});
afterEach(async () => {
  await informer?.stop();
  informer = undefined;
});
afterAll(async () => {
  await proxy?.close();
});

function startInformer(opts: { stallTimeoutMs?: number } = {}) {
  const inf = new Informer<V1ConfigMap>({
    kubeConfig: proxy.kubeConfig(),
    resource: { group: "", version: "v1", plural: "configmaps" },
    namespace: ns.name,
    labelSelector: "test=recovery",
    backoff: { baseMs: 200, maxMs: 1000 },
    log: silentLogger,
    ...opts,
  });
  const restarts: RestartReason[] = [];
  inf.on("restart", (reason) => restarts.push(reason));
  inf.start();
  informer = inf;
  return { informer: inf, restarts };
}

async function apply(name: string, value: string) {
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: ns.name, labels: { test: "recovery" } },
    data: { value },
  };
  await kubectl(["apply", "-f", "-"], { input: JSON.stringify(cm) });
}

/** The cluster's truth, name → value, straight from the apiserver. */
async function truth(): Promise<Record<string, string>> {
  const list = await kubectlJson<{ items: V1ConfigMap[] }>([
    "get",
    "configmaps",
    "-n",
    ns.name,
    "-l",
    "test=recovery",
  ]);
  return Object.fromEntries(list.items.map((cm) => [cm.metadata?.name ?? "", cm.data?.value ?? ""]));
}

function cached(inf: Informer<V1ConfigMap>): Record<string, string> {
  return Object.fromEntries(inf.store.list().map((cm) => [cm.metadata?.name ?? "", cm.data?.value ?? ""]));
}

async function converges(inf: Informer<V1ConfigMap>, what: string) {
  const want = await truth();
  await waitFor(() => JSON.stringify(cached(inf)) === JSON.stringify(want), { what, timeoutMs: 30_000 });
}

test("after the connection is cut, the informer reconnects and catches up on what it missed", async () => {
  await apply("cut-a", "1");
  await apply("cut-b", "1");
  const { informer: inf, restarts } = startInformer();
  await inf.whenSynced();
  await converges(inf, "initial list");

  proxy.cut();
  await waitFor(() => restarts.length > 0, { what: "a restart after the cut" });
  await apply("cut-a", "2");
  await kubectl(["delete", "configmap", "cut-b", "-n", ns.name]);
  await apply("cut-c", "1");
  // Still disconnected: the cache cannot know yet.
  expect(cached(inf)["cut-a"]).toBe("1");

  proxy.restore();
  await converges(inf, "cache equal to the cluster after reconnecting");
  expect(restarts).not.toContain("expired");
});

test("a watch that goes silent is detected by the watchdog and replaced", async () => {
  await apply("stall-a", "1");
  const { informer: inf, restarts } = startInformer({ stallTimeoutMs: 8000 });
  await inf.whenSynced();

  proxy.freeze();
  await apply("stall-a", "2");
  await apply("stall-b", "1");
  await new Promise((r) => setTimeout(r, 500));
  // The frozen connection delivered nothing: only the watchdog can bring these changes in.
  expect(cached(inf)["stall-a"]).toBe("1");

  await converges(inf, "cache equal to the cluster after the stall");
  expect(restarts).toContain("stalled");
});

test("a watch answered with 410 Gone relists, and the relist emits what changed meanwhile", async () => {
  await apply("gone-a", "1");
  await apply("gone-b", "1");
  const { informer: inf, restarts } = startInformer();
  const deleted: string[] = [];
  const updated: string[] = [];
  inf.on("delete", (cm) => deleted.push(cm.metadata?.name ?? ""));
  inf.on("update", (cm) => updated.push(cm.metadata?.name ?? ""));
  await inf.whenSynced();
  const before = inf.lastResourceVersion;

  proxy.cut();
  await apply("gone-a", "2");
  await kubectl(["delete", "configmap", "gone-b", "-n", ns.name]);
  proxy.expireNextWatchRequest();
  proxy.restore();

  await waitFor(() => restarts.includes("expired"), { what: "the apiserver's 410 for resourceVersion 1" });
  await converges(inf, "cache equal to the cluster after the relist");
  expect(deleted).toContain("gone-b");
  expect(updated).toContain("gone-a");
  expect(Number(inf.lastResourceVersion)).toBeGreaterThan(Number(before));
});
