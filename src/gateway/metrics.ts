import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { GATEWAY_METRICS } from "../api/gateway-metrics.js";

export { GATEWAY_METRICS };

export type ProxyErrorReason = "connect" | "reset" | "timeout";
export type WakeResult = "ready" | "failed" | "timeout";

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly connections: Gauge<"template">;
  private readonly connectionsTotal: Counter<"template">;
  private readonly bytes: Counter<"direction">;
  private readonly proxyErrors: Counter<"reason">;
  private readonly wakeWait: Histogram<"result">;
  private readonly ticketsIssued: Counter;
  private readonly ticketsRefused: Counter<"reason">;
  private readonly trackingWrites: Counter;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.connections = new Gauge({
      name: GATEWAY_METRICS.connections,
      help: "Viewer connections open on this replica, by template",
      labelNames: ["template"],
      registers,
    });
    this.connectionsTotal = new Counter({
      name: GATEWAY_METRICS.connectionsTotal,
      help: "Viewer connections accepted, by template",
      labelNames: ["template"],
      registers,
    });
    this.bytes = new Counter({
      name: GATEWAY_METRICS.bytes,
      help: "Bytes proxied, by direction (in: from users, out: to users)",
      labelNames: ["direction"],
      registers,
    });
    this.proxyErrors = new Counter({
      name: GATEWAY_METRICS.proxyErrors,
      help: "Requests that could not be proxied, by reason",
      labelNames: ["reason"],
      registers,
    });
    // Buckets bracket the SPEC's wake target (< 20 s) and the hold limit.
    this.wakeWait = new Histogram({
      name: GATEWAY_METRICS.wakeWait,
      help: "Time a request was held for its Session to wake, by result",
      labelNames: ["result"],
      buckets: [0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120],
      registers,
    });
    this.ticketsIssued = new Counter({
      name: GATEWAY_METRICS.ticketsIssued,
      help: "Session tickets issued",
      registers,
    });
    this.ticketsRefused = new Counter({
      name: GATEWAY_METRICS.ticketsRefused,
      help: "Session tickets and cookies refused, by reason",
      labelNames: ["reason"],
      registers,
    });
    this.trackingWrites = new Counter({
      name: GATEWAY_METRICS.trackingWrites,
      help: "Connection-tracking writes to the API server",
      registers,
    });
    for (const direction of ["in", "out"]) this.bytes.inc({ direction }, 0);
    for (const reason of ["connect", "reset", "timeout"]) this.proxyErrors.inc({ reason }, 0);
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  connected(template: string): void {
    this.connections.inc({ template });
    this.connectionsTotal.inc({ template });
  }

  disconnected(template: string): void {
    this.connections.dec({ template });
  }

  transferred(direction: "in" | "out", bytes: number): void {
    this.bytes.inc({ direction }, bytes);
  }

  proxyError(reason: ProxyErrorReason): void {
    this.proxyErrors.inc({ reason });
  }

  observeWake(result: WakeResult, seconds: number): void {
    this.wakeWait.observe({ result }, seconds);
  }

  ticketIssued(): void {
    this.ticketsIssued.inc();
  }

  ticketRefused(reason: string): void {
    this.ticketsRefused.inc({ reason });
  }

  trackingWrite(): void {
    this.trackingWrites.inc();
  }
}
