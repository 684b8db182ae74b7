import { API_METRICS, METRICS } from "../../src/api/metrics.js";
import { GATEWAY_ALERT_GROUP, gatewayPanels } from "./monitoring-gateway.js";

/**
 * Alert rules on the reconciler's and the API's own metrics, and nothing else: each expression names
 * only metrics from METRICS or API_METRICS (a test checks it), so no rule can silently never fire.
 */
export const ALERT_RULES = {
  groups: [
    {
      name: "streamspace",
      rules: [
        {
          alert: "StreamSpaceNoLeader",
          expr: `sum(${METRICS.leader}) < 1`,
          for: "5m",
          labels: { severity: "critical" },
          annotations: {
            summary: "No StreamSpace reconciler replica holds the leader Lease: sessions are not reconciled.",
          },
        },
        {
          alert: "StreamSpaceReconcileErrors",
          expr: `sum by (controller) (rate(${METRICS.reconcileTotal}{result="error"}[5m])) > 0.1`,
          for: "10m",
          labels: { severity: "warning" },
          annotations: {
            summary: "The {{ $labels.controller }} controller keeps failing; see the reconciler's logs.",
          },
        },
        {
          alert: "StreamSpaceSessionsFailed",
          expr: `${METRICS.sessions}{phase="Failed"} > 0`,
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $value }} sessions are Failed (kubectl get ss shows why)." },
        },
        {
          alert: "StreamSpaceSlowSessionStart",
          expr: `histogram_quantile(0.95, sum by (le) (rate(${METRICS.sessionReady}_bucket[15m]))) > 30`,
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "95% of sessions take over 30 s to become ready." },
        },
        {
          alert: "StreamSpaceWatchesFlapping",
          expr: `sum(rate(${METRICS.watchRestarts}{reason!="closed"}[10m])) > 0.05`,
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "The reconciler's watches keep breaking; is the API server healthy?" },
        },
        {
          alert: "StreamSpaceQueueBacklog",
          expr: `max by (controller) (${METRICS.queueDepth}) > 100`,
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "The {{ $labels.controller }} work queue is not keeping up." },
        },
        {
          alert: "StreamSpaceReconcilerMemory",
          expr: `max(${METRICS.processResidentMemory}{job=~".*streamspace.*"}) > 150e6`,
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "The reconciler uses over 150 MB (its budget is 100 MB)." },
        },
        {
          alert: "StreamSpaceApiErrors",
          expr: `sum(rate(${API_METRICS.requests}{status=~"5.."}[5m])) / sum(rate(${API_METRICS.requests}[5m])) > 0.05`,
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "Over 5% of API requests fail with a server error; see the API's logs." },
        },
        {
          alert: "StreamSpaceApiSlow",
          expr: `histogram_quantile(0.99, sum by (le) (rate(${API_METRICS.requestDuration}_bucket{route!="/api/v1/live/sessions"}[5m]))) > 0.5`,
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "The API's p99 latency is over 500 ms." },
        },
        {
          alert: "StreamSpaceLoginFailures",
          expr: `sum(rate(${API_METRICS.logins}{result=~"invalid|throttled"}[10m])) > 1`,
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "Many failed logins: password guessing?" },
        },
        {
          alert: "StreamSpaceApiDatabaseWaiting",
          expr: `max(${API_METRICS.dbPool}{state="waiting"}) > 5`,
          for: "5m",
          labels: { severity: "warning" },
          annotations: { summary: "API requests queue for a database connection: is the database slow?" },
        },
      ],
    },
    GATEWAY_ALERT_GROUP,
  ],
};

function panel(id: number, title: string, expr: string, legend: string, unit = "short", y = 0) {
  return {
    id,
    title,
    type: "timeseries",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Grafana dashboard variable
    datasource: { type: "prometheus", uid: "${datasource}" },
    gridPos: { h: 8, w: 12, x: ((id - 1) % 2) * 12, y },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: [{ expr, legendFormat: legend, refId: "A" }],
  };
}

/** A Grafana dashboard (the sidecar picks it up by its ConfigMap label) of the same metrics. */
export const DASHBOARD = {
  title: "StreamSpace",
  uid: "streamspace",
  schemaVersion: 39,
  tags: ["streamspace"],
  time: { from: "now-6h", to: "now" },
  templating: {
    list: [{ name: "datasource", type: "datasource", query: "prometheus", label: "Data source" }],
  },
  panels: [
    panel(1, "Sessions by phase", `sum by (phase) (${METRICS.sessions})`, "{{phase}}", "short", 0),
    panel(
      2,
      "Reconciles by result",
      `sum by (controller, result) (rate(${METRICS.reconcileTotal}[5m]))`,
      "{{controller}} {{result}}",
      "ops",
      0,
    ),
    panel(
      3,
      "Reconcile p95",
      `histogram_quantile(0.95, sum by (le, controller) (rate(${METRICS.reconcileDuration}_bucket[5m])))`,
      "{{controller}}",
      "s",
      8,
    ),
    panel(4, "Work queue depth", `sum by (controller) (${METRICS.queueDepth})`, "{{controller}}", "short", 8),
    panel(5, "Applied objects", `sum by (result) (rate(${METRICS.applyTotal}[5m]))`, "{{result}}", "ops", 16),
    panel(
      6,
      "Time to ready p50 / p95",
      `histogram_quantile(0.95, sum by (le) (rate(${METRICS.sessionReady}_bucket[15m])))`,
      "p95",
      "s",
      16,
    ),
    panel(
      7,
      "Hibernate p95",
      `histogram_quantile(0.95, sum by (le) (rate(${METRICS.sessionHibernate}_bucket[15m])))`,
      "hibernate",
      "s",
      24,
    ),
    panel(
      8,
      "Wake p95",
      `histogram_quantile(0.95, sum by (le) (rate(${METRICS.sessionWake}_bucket[15m])))`,
      "wake",
      "s",
      24,
    ),
    panel(
      9,
      "Watch restarts",
      `sum by (resource, reason) (rate(${METRICS.watchRestarts}[10m]))`,
      "{{resource}} {{reason}}",
      "ops",
      32,
    ),
    panel(
      10,
      "Reconciler memory",
      `${METRICS.processResidentMemory}{job=~".*streamspace.*"}`,
      "{{pod}}",
      "bytes",
      32,
    ),
    panel(
      11,
      "Reconciler CPU",
      `rate(${METRICS.processCpuSeconds}{job=~".*streamspace.*"}[5m])`,
      "{{pod}}",
      "short",
      40,
    ),
    panel(12, "Leader", `${METRICS.leader}`, "{{pod}}", "short", 40),
    panel(
      13,
      "API requests by status",
      `sum by (status) (rate(${API_METRICS.requests}[5m]))`,
      "{{status}}",
      "reqps",
      48,
    ),
    panel(
      14,
      "API latency p99 by route",
      `histogram_quantile(0.99, sum by (le, route) (rate(${API_METRICS.requestDuration}_bucket[5m])))`,
      "{{route}}",
      "s",
      48,
    ),
    panel(
      15,
      "Logins by result",
      `sum by (method, result) (rate(${API_METRICS.logins}[5m]))`,
      "{{method}} {{result}}",
      "ops",
      56,
    ),
    panel(16, "API database connections", `sum by (state) (${API_METRICS.dbPool})`, "{{state}}", "short", 56),
    panel(17, "Live streams open", `sum(${API_METRICS.liveStreams})`, "streams", "short", 64),
    panel(
      18,
      "Work queue wait p95",
      `histogram_quantile(0.95, sum by (le, controller) (rate(${METRICS.queueWait}_bucket[5m])))`,
      "{{controller}}",
      "s",
      64,
    ),
    panel(
      19,
      "Reconciler's API server requests",
      `sum by (verb, code) (rate(${METRICS.kubeRequests}[5m]))`,
      "{{verb}} {{code}}",
      "reqps",
      72,
    ),
    panel(
      20,
      "Reconciler's API server latency p95",
      `histogram_quantile(0.95, sum by (le, verb) (rate(${METRICS.kubeRequestDuration}_bucket[5m])))`,
      "{{verb}}",
      "s",
      72,
    ),
    panel(
      21,
      "Reconciles allowed at once",
      `max by (controller) (${METRICS.queueConcurrency})`,
      "{{controller}}",
      "short",
      80,
    ),
    ...gatewayPanels(panel, 88),
  ],
};
