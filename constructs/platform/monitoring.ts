import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { stringify } from "yaml";
import { onlyWhen } from "./conditions.js";
import { API_NAME, platformLabels, RECONCILER_NAME } from "./labels.js";
import { ALERT_RULES, DASHBOARD } from "./monitoring-rules.js";

export interface MonitoringProps {
  readonly namespace: string;
  /** Also create a ServiceMonitor and a PrometheusRule. Default false: they need the operator's CRDs. */
  readonly prometheusOperator: boolean;
}

/**
 * Alert rules and a dashboard as ConfigMaps, which apply to any cluster (a Prometheus rule file and
 * a Grafana sidecar dashboard); the Prometheus Operator's own kinds only when asked for.
 */
export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const labels = platformLabels("monitoring");
    new ApiObject(this, "AlertRules", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "streamspace-alerts", namespace: props.namespace, labels },
      data: { "streamspace.rules.yaml": stringify(ALERT_RULES, { lineWidth: 0 }) },
    });
    new ApiObject(this, "Dashboard", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "streamspace-dashboard",
        namespace: props.namespace,
        labels: { ...labels, grafana_dashboard: "1" },
      },
      data: { "streamspace.json": `${JSON.stringify(DASHBOARD, null, 2)}\n` },
    });
    if (props.prometheusOperator) {
      const operator = new Construct(this, "Operator");
      onlyWhen(operator, "monitoring.prometheusOperator");
      const serviceMonitor = (id: string, name: string, component: string, endpoint: object) =>
        new ApiObject(operator, id, {
          apiVersion: "monitoring.coreos.com/v1",
          kind: "ServiceMonitor",
          metadata: { name, namespace: props.namespace, labels },
          spec: {
            selector: { matchLabels: { "app.kubernetes.io/component": component } },
            endpoints: [{ ...endpoint, interval: "30s" }],
          },
        });
      serviceMonitor("ServiceMonitor", RECONCILER_NAME, "reconciler", { port: "metrics" });
      serviceMonitor("ApiServiceMonitor", API_NAME, "api", { port: "http", path: "/metrics" });
      new ApiObject(operator, "PrometheusRule", {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "streamspace", namespace: props.namespace, labels },
        spec: ALERT_RULES,
      });
    }
  }
}
