// A real HTTP proxy in front of the real API server, for tests of what the reconciler does when the
// network or the server misbehaves. Clients reach it over plain HTTP; it adds the admin credentials.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import type { KubeConfig as Upstream } from "../../src/core/kubeconfig.js";

interface Stream {
  res: http.ServerResponse;
  frozen: boolean;
  watch: boolean;
}

export class FaultyProxy {
  private readonly server: http.Server;
  private readonly streams = new Set<Stream>();
  private readonly held = new Set<http.ServerResponse>();
  private refusing = false;
  private hanging = false;
  private corruptPending = false;
  /** Watches ask for a resourceVersion far ahead of the server's, as after an etcd restore. */
  futureResourceVersion = false;
  port = 0;

  constructor(private readonly upstream: Upstream) {
    this.server = http.createServer((req, res) => void this.forward(req, res));
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** A kubeconfig that reaches the API server through this proxy. */
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

  /** Keeps every connection open and answers nothing more, open requests and new ones alike. */
  hang(): void {
    this.hanging = true;
    for (const s of this.streams) s.frozen = true;
  }

  restore(): void {
    this.refusing = false;
    this.hanging = false;
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  /** Open streams stay connected but receive nothing more; new requests work. */
  freeze(): void {
    for (const s of this.streams) s.frozen = true;
  }

  /** The next object event of any watch reaches its client as a line that is not JSON. */
  corruptNextEvent(): void {
    this.corruptPending = true;
  }

  openWatches(): number {
    return [...this.streams].filter((s) => s.watch).length;
  }

  async close(): Promise<void> {
    this.cut();
    for (const res of this.held) res.destroy();
    await new Promise((r) => this.server.close(r));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.refusing) {
      req.socket.destroy();
      return;
    }
    if (this.hanging) {
      this.held.add(res);
      return;
    }
    const body: Buffer[] = [];
    for await (const chunk of req) body.push(chunk as Buffer);
    const cluster = this.upstream.getCurrentCluster();
    const url = new URL((cluster?.server ?? "") + (req.url ?? "/"));
    const watch = url.searchParams.get("watch") === "true";
    if (watch && this.futureResourceVersion) url.searchParams.set("resourceVersion", "999999999999");
    const opts: https.RequestOptions = {};
    await this.upstream.applyToHTTPSOptions(opts);
    const stream: Stream = { res, frozen: false, watch };
    this.streams.add(stream);
    res.on("close", () => this.streams.delete(stream));
    const headers: http.OutgoingHttpHeaders = {
      ...(opts.headers as http.OutgoingHttpHeaders),
      accept: "application/json",
    };
    if (req.headers["content-type"]) headers["content-type"] = req.headers["content-type"];
    const upstreamReq = https.request(url, { ...opts, method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      let partial = "";
      up.on("data", (chunk: Buffer) => {
        if (stream.frozen) return;
        if (!watch) {
          res.write(chunk);
          return;
        }
        const lines = (partial + chunk.toString("utf8")).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) res.write(`${this.rewrite(line)}\n`);
      });
      up.on("end", () => res.end(partial));
      res.on("close", () => up.destroy());
    });
    upstreamReq.on("error", () => res.destroy());
    upstreamReq.end(Buffer.concat(body));
  }

  private rewrite(line: string): string {
    if (!this.corruptPending || line.includes('"BOOKMARK"')) return line;
    this.corruptPending = false;
    return `${line.slice(0, 20)}\u0000garbled`;
  }
}
