import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { createLogger, type Logger } from "./log.js";

export interface TelemetryServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  registry: Registry;
  /**
   * Named readiness checks; /readyz answers 200 only when all pass. Typically
   * `{ informers: () => informers.every((i) => i.healthy), leaderElection: () => elector.healthy }`.
   */
  readiness?: Record<string, () => boolean>;
  log?: Logger;
  /** Other endpoints by path, any method (the git webhook at /hooks/git). */
  handlers?: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
}

export interface TelemetryServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves /metrics, /healthz (the process answers) and /readyz (named checks, listed kube-apiserver style
 * as `[+]name ok` / `[-]name failed` so a failing probe says which part is not ready).
 */
export async function startTelemetryServer(opts: TelemetryServerOptions): Promise<TelemetryServer> {
  const log = opts.log ?? createLogger();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const handler = opts.handlers?.[path ?? ""];
    if (handler) {
      handler(req, res);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/metrics") {
      opts.registry.metrics().then(
        (body) => res.writeHead(200, { "Content-Type": opts.registry.contentType }).end(body),
        (err) => {
          log.error("metrics collection failed", { err });
          res.writeHead(500).end();
        },
      );
    } else if (path === "/healthz") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok\n");
    } else if (path === "/readyz") {
      const results = Object.entries(opts.readiness ?? {}).map(([name, check]) => {
        let ok = false;
        try {
          ok = check();
        } catch {}
        return { name, ok };
      });
      const ready = results.every((r) => r.ok);
      const lines = results.map((r) => `[${r.ok ? "+" : "-"}]${r.name} ${r.ok ? "ok" : "failed"}`);
      lines.push(ready ? "ok" : "not ready");
      res.writeHead(ready ? 200 : 503, { "Content-Type": "text/plain" }).end(`${lines.join("\n")}\n`);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info("telemetry server listening", { port });
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
