import { GATEWAY_METRICS as M } from "../../src/api/gateway-metrics.js";

/** Alert rules on the session gateway's metrics (GATEWAY_METRICS only; a test checks it). */
export const GATEWAY_ALERT_GROUP = {
  name: "streamspace-gateway",
  rules: [
    {
      alert: "StreamSpaceGatewayProxyErrors",
      expr: `sum(rate(${M.proxyErrors}[5m])) > 1`,
      for: "10m",
      labels: { severity: "warning" },
      annotations: { summary: "The session gateway keeps failing to reach sessions ({{ $value }}/s)." },
    },
    {
      alert: "StreamSpaceGatewaySlowWake",
      expr: `histogram_quantile(0.95, sum by (le) (rate(${M.wakeWait}_bucket{result="ready"}[30m]))) > 20`,
      for: "30m",
      labels: { severity: "warning" },
      annotations: { summary: "Users wait over 20 s (p95) for their hibernated sessions to wake." },
    },
    {
      alert: "StreamSpaceGatewayWakeFailures",
      expr: `sum(rate(${M.wakeWait}_count{result!="ready"}[15m])) > 0.05`,
      for: "15m",
      labels: { severity: "warning" },
      annotations: { summary: "Sessions woken on access fail or time out; see the Sessions' status." },
    },
    {
      alert: "StreamSpaceGatewayTicketsRefused",
      expr: `sum(rate(${M.ticketsRefused}{reason=~"bad-signature|unknown-key|replayed"}[10m])) > 0.2`,
      for: "10m",
      labels: { severity: "warning" },
      annotations: {
        summary:
          "Forged, replayed or unknown-key tickets reach the gateway: an attack, or API and gateway keys differ.",
      },
    },
    {
      alert: "StreamSpaceGatewayTrackingWrites",
      expr: `sum(rate(${M.trackingWrites}[10m])) * 60 > 600`,
      for: "15m",
      labels: { severity: "info" },
      annotations: {
        summary:
          "Connection tracking writes over 600 Session patches a minute; raise gateway.trackingInterval.",
      },
    },
  ],
};

type PanelOf<P> = (id: number, title: string, expr: string, legend: string, unit: string, y: number) => P;

/** Dashboard panels for the gateway, placed from row `y` down. */
export function gatewayPanels<P>(panel: PanelOf<P>, y: number): P[] {
  return [
    panel(101, "Viewers by template", `sum by (template) (${M.connections})`, "{{template}}", "short", y),
    panel(102, "Viewer connections", `sum(rate(${M.connectionsTotal}[5m]))`, "connections", "ops", y),
    panel(103, "Gateway traffic", `sum by (direction) (rate(${M.bytes}[5m]))`, "{{direction}}", "Bps", y + 8),
    panel(104, "Proxy errors", `sum by (reason) (rate(${M.proxyErrors}[5m]))`, "{{reason}}", "ops", y + 8),
    panel(
      105,
      "Wake on access p50 / p95",
      `histogram_quantile(0.95, sum by (le, result) (rate(${M.wakeWait}_bucket[15m])))`,
      "p95 {{result}}",
      "s",
      y + 16,
    ),
    panel(
      106,
      "Tickets issued / refused",
      `sum(rate(${M.ticketsIssued}[5m])) or sum by (reason) (rate(${M.ticketsRefused}[5m]))`,
      "{{reason}}",
      "ops",
      y + 16,
    ),
    panel(107, "Tracking writes", `sum(rate(${M.trackingWrites}[5m])) * 60`, "writes/min", "short", y + 24),
  ];
}
